/*
 * delta-export: a SQLite extension holding the export's per-record work, so that the texts of a
 * 100k-pair export never become JavaScript strings (src-main/native/delta-export-extension.ts
 * builds and loads it; src-main/services/export/native-plan.ts drives its plan).
 *
 * delta_trl_head(question, chosen, rejected, image_list) returns a BLOB:
 *   bytes 0-15  the record's content id (first 16 hex digits of SHA-256 over
 *               `[q,c,r,["sha",...]]`, the texts quoted as JSON.stringify quotes them: contentId)
 *   byte 16     flags: bit 0 = chosen and rejected are equal once trimmed as String.trim does;
 *               bit 1 = a text is NULL or not valid UTF-8: no id or head follow, only the three
 *               texts (u32le length, 0xffffffff for NULL, then the bytes) for the JS path
 *   bytes 17-   the TRL line up to and including `"images":[` (trlHead, byte for byte)
 * image_list is imageListSql's value: entries `sha:...` joined by commas. The plan uses the same
 * head (trl_head in json-text.c); this function lets tests compare it with the JavaScript one.
 *
 * delta_plan_begin, delta_plan_rows, delta_plan_admit, delta_plan_append, delta_plan_finish: a
 * TRL export's whole plan, row loop and record spill included (export-plan.c).
 *
 * delta_copy_begin, delta_copy_add, delta_copy_poll, delta_copy_stop: image copies on threads
 * of their own at a lowered priority (file-copy.c).
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <stdlib.h>
#include <string.h>

#include "delta-export.h"
#include "value-bytes.h"

typedef struct {
  blocks_fn blocks;
  Buf quoted, line;
} Context;

/* The result for texts the JS path must handle: flag 2 and the three texts as they are. */
static void fallback(sqlite3_context *ctx, Context *c, sqlite3_value **argv) {
  Buf *line = &c->line;
  line->n = 0;
  uint8_t head[17] = {0};
  head[16] = 2;
  put(line, head, 17);
  for (int i = 0; i < 3; i++) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
      put_u32(line, 0xFFFFFFFFu);
      continue;
    }
    const uint8_t *text = sqlite3_value_text(argv[i]);
    uint32_t n = (uint32_t)sqlite3_value_bytes(argv[i]);
    put_u32(line, n);
    put(line, text, n);
  }
  if (line->failed) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_blob(ctx, line->p, (int)line->n, SQLITE_TRANSIENT);
}

static void trl_head_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Context *c = sqlite3_user_data(ctx);
  if (sqlite3_value_type(argv[3]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  HeadInput in;
  for (int i = 0; i < 3; i++) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return fallback(ctx, c, argv);
    in.text[i] = value_bytes(argv[i], &in.len[i]);
  }
  in.list = (const char *)value_bytes(argv[3], &in.list_len);
  Buf *line = &c->line;
  line->n = 0;
  reserve(line, 17);
  line->n = 17;
  int built = trl_head(c->blocks, &in, &c->quoted, line);
  if (built == 0) return fallback(ctx, c, argv);
  if (built < 0) return sqlite3_result_error_nomem(ctx);
  memcpy(line->p, in.id, 16);
  line->p[16] = in.identical;
  sqlite3_result_blob(ctx, line->p, (int)line->n, SQLITE_TRANSIENT);
}

/* delta_sha256(blob, 'portable'|'native'[, piece]): hex digest; lets tests check both
 * implementations, and with `piece` the incremental one fed `piece` bytes at a time. */
static void sha256_hex(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const uint8_t *data = sqlite3_value_blob(argv[0]);
  size_t n = (size_t)sqlite3_value_bytes(argv[0]);
  const char *which = (const char *)sqlite3_value_text(argv[1]);
  blocks_fn blocks = which && strcmp(which, "portable") == 0 ? blocks_portable : sha256_blocks_best();
  uint8_t digest[32];
  char out[64];
  size_t piece = argc > 2 && sqlite3_value_int64(argv[2]) > 0 ? (size_t)sqlite3_value_int64(argv[2]) : n;
  Sha256 s;
  sha256_init(&s, blocks);
  for (size_t at = 0; at < n; at += piece) sha256_update(&s, data + at, n - at < piece ? n - at : piece);
  sha256_final(&s, digest);
  hex_digits(digest, 32, out);
  sqlite3_result_text(ctx, out, 64, SQLITE_TRANSIENT);
}

/* delta_export_sha(): which implementation delta_trl_head uses ('native' or 'portable'). */
static void sha_kind(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc, (void)argv;
  Context *c = sqlite3_user_data(ctx);
  sqlite3_result_text(ctx, c->blocks == blocks_portable ? "portable" : "native", -1, SQLITE_STATIC);
}

static void free_context(void *p) {
  Context *c = p;
  free(c->quoted.p);
  free(c->line.p);
  free(c);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_deltaexport_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  (void)error;
  Context *c = calloc(1, sizeof(Context));
  if (!c) return SQLITE_NOMEM;
  c->blocks = sha256_blocks_best();
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function_v2(db, "delta_trl_head", 4, flags, c, trl_head_sql, 0, 0,
                                      free_context);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "delta_sha256", 2, flags, 0, sha256_hex, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_sha256", 3, flags, 0, sha256_hex, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_export_sha", 0, flags, c, sha_kind, 0, 0);
  if (rc == SQLITE_OK) rc = register_export_plan(db, c->blocks);
  if (rc == SQLITE_OK) rc = register_file_copy(db);
  return rc;
}
