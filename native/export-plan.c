/*
 * A TRL export's plan as one native loop over the pairs it reads (the JavaScript side is
 * src-main/services/export/native-plan.ts; the JavaScript twin of this loop is planPairs):
 * content id, dedupe, line, order bucket and record spill per row, with nothing per row crossing
 * into JavaScript but a few fixed-size fields. On the 2-core CI VM that loop is what an export
 * of 100k pairs spends its time on beside the image copies.
 *
 * delta_plan_begin(path, buckets, curriculum, seed, dedupe, image_suffix)
 *   starts a plan on this connection (dropping any earlier one): records go to the spill file at
 *   `path` (created on the first flush) in `buckets` order buckets (orderBucket).
 * delta_plan_rows(id, tier, question, chosen, rejected, image_list, status, origin, recipe,
 *                 perturb, run)
 *   an aggregate over rows in id order; returns what JavaScript must know of them, as entries:
 *     'K' f64 pair id, 16 content id chars, u8 tier, u32 list index   a record kept
 *     'S' f64 pair id, u8 reason, 16 content id chars                  a pair skipped (REASON_*)
 *     'N' u32 list index, u32 n + image list, u32 n + quoted paths    a list met for the first time
 *     'F' f64 pair id    the row needs the JavaScript path (a text is NULL or not UTF-8, an
 *                        unexpected type); every later row of this call is ignored, so the
 *                        caller plans that row and reads on after it
 * delta_plan_admit(id)           dedupe for a record JavaScript planned: 1 if new, 0 if seen
 * delta_plan_append(line, bucket)   spills a line JavaScript built; returns its record index
 * delta_plan_finish()            flushes the spill and ends the reading; returns the layout:
 *   u32 records, u32 buckets; per bucket f64 bytes, u32 n, n × (f64 position, u32 length);
 *   per record u16 bucket, u32 offset, u32 length; u32 classes, per class u32 n + key, u32 count
 *   (a class: the tier, status, origin, recipe, perturb type and run a kept record has; see
 *   class_key)
 * delta_plan_order(splits, train_path, validation_path), delta_plan_write(max_bytes),
 *   delta_plan_close_files(): the records in export order, written into the split files
 *   (plan-emit.c)
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "delta-export.h"
#include "export-plan.h"
#include "value-bytes.h"

/* Each bucket gathers records in a chunk this large, written to the file when full (as RecordSpill). */
#define CHUNK_BYTES (32 << 10)

enum { REASON_NO_IMAGE = 0, REASON_IDENTICAL = 1, REASON_DUPLICATE = 2 };

/* A list entry's paths offset when put_paths could not express it. */
#define UNNAMEABLE UINT64_MAX

static void plan_free(Plan *p) {
  if (!p) return;
  if (p->fd >= 0) close(p->fd);
  for (uint32_t i = 0; p->buckets && i < p->bucket_count; i++) {
    free(p->buckets[i].chunk.p), free(p->buckets[i].extents.p);
  }
  free(p->buckets), free(p->path), free(p->suffix), free(p->records.p), free(p->seen.slots);
  map_free(&p->lists), map_free(&p->classes);
  free(p->paths.p), free(p->out.p), free(p->quoted.p), free(p->line.p), free(p->key.p);
  free(p->splits), free(p->bucket_start), free(p->members);
  free(p->load.p);
  close_split_files(p);
  free(p);
}

static char *copy_text(sqlite3_value *v) {
  const char *s = (const char *)sqlite3_value_text(v);
  size_t n = (size_t)sqlite3_value_bytes(v);
  char *c = malloc(n + 1);
  if (c) memcpy(c, s ? s : "", n), c[n] = 0;
  return c;
}

static void plan_begin(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Slot *slot = sqlite3_user_data(ctx);
  plan_free(slot->plan);
  slot->plan = NULL;
  sqlite3_int64 buckets = sqlite3_value_int64(argv[1]);
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT || buckets < 1 || buckets > 0xFFFF) {
    return sqlite3_result_error(ctx, "delta_plan_begin: a spill path and 1-65535 buckets", -1);
  }
  Plan *p = calloc(1, sizeof *p);
  if (!p) return sqlite3_result_error_nomem(ctx);
  p->fd = -1;
  p->files[0].fd = p->files[1].fd = -1;
  p->loaded = -1;
  p->bucket_count = (uint32_t)buckets;
  p->curriculum = sqlite3_value_int(argv[2]) != 0;
  p->seed = (uint32_t)sqlite3_value_int64(argv[3]);
  p->dedupe = sqlite3_value_int(argv[4]) != 0;
  p->blocks = slot->blocks;
  p->path = copy_text(argv[0]);
  p->suffix = copy_text(argv[5]);
  p->buckets = calloc(p->bucket_count, sizeof *p->buckets);
  if (!p->path || !p->suffix || !p->buckets) {
    plan_free(p);
    return sqlite3_result_error_nomem(ctx);
  }
  slot->plan = p;
  sqlite3_result_null(ctx);
}

/* Appends bytes to the file as the next run of bucket `b`; 0 with an error set on failure. */
static int write_run(sqlite3_context *ctx, Plan *p, Bucket *b, const uint8_t *bytes, size_t n) {
  if (p->fd < 0) p->fd = open(p->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  for (size_t done = 0; p->fd >= 0 && done < n;) {
    ssize_t wrote = pwrite(p->fd, bytes + done, n - done, (off_t)(p->file_bytes + done));
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) break;
    done += (size_t)wrote;
    if (done == n) {
      put_f64(&b->extents, (double)p->file_bytes);
      put_u32(&b->extents, (uint32_t)n);
      b->extent_count++;
      p->file_bytes += n;
      if (b->extents.failed) break;
      return 1;
    }
  }
  char message[512];
  snprintf(message, sizeof message, "the export's record file %s cannot be written: %s", p->path,
           strerror(errno ? errno : EIO));
  sqlite3_result_error(ctx, message, -1);
  return 0;
}

/* Spills one record into `bucket`, followed by a newline: the write phase (plan-emit.c) hands
 * each line to the split file with its newline, straight from the loaded bucket. The record's
 * length leaves the newline out. Returns its index, or -1 with an error set. */
static int64_t spill(sqlite3_context *ctx, Plan *p, uint32_t bucket, const uint8_t *line, size_t n) {
  Bucket *b = &p->buckets[bucket];
  if (b->bytes + n + 1 > UINT32_MAX) {
    sqlite3_result_error(ctx, "an export order bucket outgrew 4 GiB of records", -1);
    return -1;
  }
  if (b->chunk.n + n + 1 > CHUNK_BYTES && b->chunk.n > 0) {
    if (!write_run(ctx, p, b, b->chunk.p, b->chunk.n)) return -1;
    b->chunk.n = 0;
  }
  if (n + 1 > CHUNK_BYTES) {
    if (!write_run(ctx, p, b, line, n) || !write_run(ctx, p, b, (const uint8_t *)"\n", 1)) return -1;
  } else {
    if (!b->chunk.cap && !reserve(&b->chunk, CHUNK_BYTES)) return sqlite3_result_error_nomem(ctx), -1;
    memcpy(b->chunk.p + b->chunk.n, line, n);
    b->chunk.p[b->chunk.n + n] = '\n';
    b->chunk.n += n + 1;
  }
  uint8_t le[2] = {(uint8_t)bucket, (uint8_t)(bucket >> 8)};
  put(&p->records, le, 2);
  put_u32(&p->records, (uint32_t)b->bytes);
  put_u32(&p->records, (uint32_t)n);
  b->bytes += n + 1;
  if (p->records.failed) return sqlite3_result_error_nomem(ctx), -1;
  return p->record_count++;
}

/* orderBucket (src-shared/domain/export-order.ts) for a 16-character content id, in the same
 * double arithmetic; -1 when out of range (JavaScript then reports it). */
static int64_t order_bucket(const Plan *p, const char id[16], sqlite3_int64 tier) {
  uint32_t h = seeded_hash(p->seed, id);
  double unit = (double)h / 4294967296.0;
  double per_tier = p->curriculum ? p->bucket_count / 3.0 : (double)p->bucket_count;
  double bucket = floor(unit * per_tier);
  if (p->curriculum) bucket += (double)(tier - 1) * per_tier;
  if (bucket != floor(bucket) || bucket < 0 || bucket >= p->bucket_count) return -1;
  return (int64_t)bucket;
}

/* extensionFor (image-sink.ts) for the ASCII format names sharp uses; 0 for anything else. */
static int put_extension(Buf *b, const char *format, size_t n) {
  char lower[16];
  if (n == 0 || n >= sizeof lower) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = format[i];
    if ((unsigned char)c >= 0x80 || c == '"' || c == '\\' || (unsigned char)c < 0x20) return 0;
    lower[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  if (n == 4 && memcmp(lower, "jpeg", 4) == 0) PUT_LITERAL(b, "jpg");
  else if (n == 4 && memcmp(lower, "heif", 4) == 0) PUT_LITERAL(b, "avif");
  else put(b, lower, n);
  return 1;
}

/* The quoted `images/<sha><suffix>.<ext>` paths of an image list (trlTail's part), each image
 * its variant when the list names one (ImageListParser); 0 for a list it cannot express. */
static int put_paths(Plan *p, const char *list, size_t n) {
  size_t suffix_len = strlen(p->suffix);
  int images = 0;
  for (size_t i = 0; i < n;) {
    const char *field[7] = {0};
    size_t len[7] = {0}, fields = 0, end = i;
    while (end < n && list[end] != ',') {
      size_t start = end;
      while (end < n && list[end] != ':' && list[end] != ',') end++;
      if (fields < 7) field[fields] = list + start, len[fields] = end - start;
      fields++;
      if (end < n && list[end] == ':') end++;
    }
    int variant = fields >= 7 && len[4] && len[5] && len[6];
    const char *sha = field[variant ? 4 : 0], *format = field[variant ? 5 : 1];
    size_t sha_len = len[variant ? 4 : 0], format_len = len[variant ? 5 : 1];
    for (size_t k = 0; k < sha_len; k++) {
      if (sha[k] == '"' || sha[k] == '\\' || (unsigned char)sha[k] < 0x20) return 0;
    }
    if (images++) put(&p->paths, ",", 1);
    PUT_LITERAL(&p->paths, "\"images/");
    put(&p->paths, sha, sha_len);
    put(&p->paths, p->suffix, suffix_len);
    put(&p->paths, ".", 1);
    if (!format || !put_extension(&p->paths, format, format_len)) return 0;
    put(&p->paths, "\"", 1);
    i = end + 1;
  }
  return images > 0;
}

static void put_nullable_text(Buf *b, sqlite3_value *v) {
  uint8_t tag = sqlite3_value_type(v) == SQLITE_NULL ? 0 : 1;
  put(b, &tag, 1);
  if (!tag) return;
  size_t n;
  const uint8_t *text = value_bytes(v, &n);
  put_u32(b, (uint32_t)n);
  put(b, text, n);
}

/* A kept record's class: u8 tier, then status, origin, recipe and perturb type (u8 0 for NULL,
 * or 1, u32 n and the UTF-8), then the run (u8 0 for NULL, or 1 and f64 id). */
static void class_key(Buf *key, sqlite3_int64 tier, sqlite3_value **argv) {
  uint8_t t = (uint8_t)tier;
  key->n = 0;
  put(key, &t, 1);
  for (int i = 6; i <= 9; i++) put_nullable_text(key, argv[i]);
  uint8_t tag = sqlite3_value_type(argv[10]) == SQLITE_NULL ? 0 : 1;
  put(key, &tag, 1);
  if (tag) put_f64(key, (double)sqlite3_value_int64(argv[10]));
}

/* Whether a row's fields have the types this loop handles (anything else takes the JS path). */
static int row_types_expected(sqlite3_value **argv) {
  static const int text_or_null[] = {8, 9};
  if (sqlite3_value_type(argv[1]) != SQLITE_INTEGER) return 0;
  for (int i = 2; i <= 7; i++) {
    if (i != 5 && sqlite3_value_type(argv[i]) != SQLITE_TEXT) return 0;
  }
  for (int i = 0; i < 2; i++) {
    int type = sqlite3_value_type(argv[text_or_null[i]]);
    if (type != SQLITE_TEXT && type != SQLITE_NULL) return 0;
  }
  int run = sqlite3_value_type(argv[10]);
  return run == SQLITE_INTEGER || run == SQLITE_NULL;
}

static void emit_skip(Plan *p, double pair, uint8_t reason, const char *id) {
  static const char none[16] = {0};
  put(&p->out, "S", 1), put_f64(&p->out, pair), put(&p->out, &reason, 1);
  put(&p->out, id ? id : none, 16);
}

/* The first 64 bits of a content id, its 16 lower-case hex digits; 0 if they are not hex. */
static int id64_of(const char id[16], uint64_t *out) {
  uint64_t v = 0;
  for (int i = 0; i < 16; i++) {
    char c = id[i];
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return 0;
    v = v << 4 | (uint64_t)digit;
  }
  *out = v;
  return 1;
}

/* Ends this call's loop at a row JavaScript must plan: the caller plans it and reads on after. */
static void leave_to_javascript(Plan *p, double pair) {
  p->stopped = 1;
  put(&p->out, "F", 1), put_f64(&p->out, pair);
}

static void plan_rows_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  if (!p || p->finished) return sqlite3_result_error(ctx, "delta_plan_rows: no plan under way", -1);
  if (p->stopped) return;
  double pair = (double)sqlite3_value_int64(argv[0]);
  if (sqlite3_value_type(argv[5]) == SQLITE_NULL) return emit_skip(p, pair, REASON_NO_IMAGE, NULL);
  sqlite3_int64 tier = sqlite3_value_int64(argv[1]);
  HeadInput in;
  int built = 0;
  if (row_types_expected(argv) && tier >= 1 && tier <= 3) {
    for (int i = 0; i < 3; i++) in.text[i] = value_bytes(argv[2 + i], &in.len[i]);
    in.list = (const char *)value_bytes(argv[5], &in.list_len);
    p->line.n = 0;
    built = trl_head(p->blocks, &in, &p->quoted, &p->line);
  }
  if (built < 0) return sqlite3_result_error_nomem(ctx);
  int64_t bucket = built ? order_bucket(p, in.id, tier) : -1;
  if (bucket < 0) return leave_to_javascript(p, pair);
  int added;
  Entry *list = map_get(&p->lists, in.list, in.list_len, &added);
  if (!list) return sqlite3_result_error_nomem(ctx);
  uint32_t list_index = (uint32_t)(list - p->lists.entries);
  if (added) {
    size_t at = p->paths.n;
    if (put_paths(p, in.list, in.list_len)) {
      list->value[0] = at, list->value[1] = p->paths.n - at;
    } else {
      p->paths.n = at;
      list->value[0] = UNNAMEABLE;
    }
  }
  if (list->value[0] == UNNAMEABLE) {
    /* A list this loop cannot name files for (see put_paths): JavaScript plans its rows. */
    return leave_to_javascript(p, pair);
  }
  if (p->dedupe) {
    if (in.identical) return emit_skip(p, pair, REASON_IDENTICAL, NULL);
    uint64_t id64 = 0;
    id64_of(in.id, &id64); /* trl_head writes lower-case hex */
    int fresh = idset_add(&p->seen, id64);
    if (fresh < 0) return sqlite3_result_error_nomem(ctx);
    if (!fresh) return emit_skip(p, pair, REASON_DUPLICATE, in.id);
  }

  if (!list->value[2]) {
    /* Told once, with the first record that keeps the list: JavaScript places its images. */
    list->value[2] = 1;
    put(&p->out, "N", 1), put_u32(&p->out, list_index);
    put_u32(&p->out, (uint32_t)in.list_len), put(&p->out, in.list, in.list_len);
    put_u32(&p->out, (uint32_t)list->value[1]);
    put(&p->out, p->paths.p + list->value[0], list->value[1]);
  }
  put(&p->line, p->paths.p + list->value[0], list->value[1]);
  char tail[16];
  int tail_len = snprintf(tail, sizeof tail, "],\"tier\":%d}", (int)tier);
  put(&p->line, tail, (size_t)tail_len);
  if (p->line.failed) return sqlite3_result_error_nomem(ctx);
  if (spill(ctx, p, (uint32_t)bucket, p->line.p, p->line.n) < 0) return;

  class_key(&p->key, tier, argv);
  Entry *class = p->key.failed ? NULL : map_get(&p->classes, p->key.p, p->key.n, &added);
  if (!class) return sqlite3_result_error_nomem(ctx);
  class->value[0]++;

  uint8_t tier_byte = (uint8_t)tier;
  put(&p->out, "K", 1), put_f64(&p->out, pair), put(&p->out, in.id, 16);
  put(&p->out, &tier_byte, 1), put_u32(&p->out, list_index);
  if (p->out.failed) sqlite3_result_error_nomem(ctx);
}

static void plan_rows_final(sqlite3_context *ctx) {
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  if (!p) return sqlite3_result_null(ctx);
  if (p->out.failed) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_blob(ctx, p->out.n ? p->out.p : (const void *)"", (int)p->out.n, SQLITE_TRANSIENT);
  p->out.n = 0;
  p->stopped = 0;
}

static void plan_admit(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  const char *id = (const char *)sqlite3_value_text(argv[0]);
  if (!p || !id || sqlite3_value_bytes(argv[0]) != 16) {
    return sqlite3_result_error(ctx, "delta_plan_admit: a begun plan and a 16-digit id", -1);
  }
  uint64_t id64;
  if (!id64_of(id, &id64)) return sqlite3_result_error(ctx, "delta_plan_admit: not a hex id", -1);
  int fresh = idset_add(&p->seen, id64);
  if (fresh < 0) return sqlite3_result_error_nomem(ctx);
  sqlite3_result_int(ctx, fresh);
}

static void plan_append(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  sqlite3_int64 bucket = sqlite3_value_int64(argv[1]);
  if (!p || p->finished || bucket < 0 || bucket >= p->bucket_count) {
    return sqlite3_result_error(ctx, "delta_plan_append: a begun plan and a bucket in range", -1);
  }
  const uint8_t *line = sqlite3_value_blob(argv[0]);
  int64_t index = spill(ctx, p, (uint32_t)bucket, line ? line : (const uint8_t *)"",
                        (size_t)sqlite3_value_bytes(argv[0]));
  if (index >= 0) sqlite3_result_int64(ctx, index);
}

static void plan_finish(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc, (void)argv;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  if (!p || p->finished) return sqlite3_result_error(ctx, "delta_plan_finish: no plan under way", -1);
  Buf *out = &p->out;
  out->n = 0;
  put_u32(out, p->record_count), put_u32(out, p->bucket_count);
  for (uint32_t i = 0; i < p->bucket_count; i++) {
    Bucket *b = &p->buckets[i];
    if (b->chunk.n > 0 && !write_run(ctx, p, b, b->chunk.p, b->chunk.n)) return;
    b->chunk.n = 0;
    put_f64(out, (double)b->bytes), put_u32(out, b->extent_count);
    put(out, b->extents.p, b->extents.n);
  }
  put(out, p->records.p, p->records.n);
  put_u32(out, (uint32_t)p->classes.count);
  for (size_t i = 0; i < p->classes.count; i++) {
    Entry *e = &p->classes.entries[i];
    put_u32(out, e->key_len), put(out, p->classes.keys.p + e->key_at, e->key_len);
    put_u32(out, (uint32_t)e->value[0]);
  }
  if (out->failed) return sqlite3_result_error_nomem(ctx);
  sqlite3_result_blob(ctx, out->p, (int)out->n, SQLITE_TRANSIENT);
  out->n = 0;
  /* The plan stays, for its records in export order (plan-emit.c), until the connection closes
   * or another begins. */
  p->finished = 1;
}

static void free_slot(void *data) {
  Slot *slot = data;
  plan_free(slot->plan);
  free(slot);
}

int register_export_plan(struct sqlite3 *db, blocks_fn blocks) {
  Slot *slot = calloc(1, sizeof *slot);
  if (!slot) return SQLITE_NOMEM;
  slot->blocks = blocks;
  /* Not deterministic: these functions act on the plan's state. DIRECTONLY: never from a schema. */
  int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc = sqlite3_create_function_v2(db, "delta_plan_begin", 6, flags, slot, plan_begin, 0, 0,
                                      free_slot);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function(db, "delta_plan_rows", 11, flags, slot, 0, plan_rows_step,
                                 plan_rows_final);
  }
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_plan_admit", 1, flags, slot, plan_admit, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_plan_append", 2, flags, slot, plan_append, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_plan_finish", 0, flags, slot, plan_finish, 0, 0);
  if (rc == SQLITE_OK) rc = register_plan_emit(db, slot);
  return rc;
}
