/*
 * A finished plan's records in export order (see export-plan.c), so the write phase only moves
 * ready-made chunks into the split files (src-main/services/export/native-plan.ts):
 *
 * delta_plan_order(splits)   splits: one byte per record, 0 train or 1 validation
 * delta_plan_emit(max_bytes) the next records in export order, at least max_bytes of lines
 *   unless none are left: u32 records emitted so far, then per split (train, validation) u32 n
 *   and n bytes of lines, each ending in '\n'
 *
 * Export order is exportOrder's (src-shared/domain/export-order.ts) taken bucket by bucket:
 * records of a lower order bucket first, and within a bucket by seeded hash of the content id,
 * then the id, then the record's index (a bucket holds a single tier, so curriculum needs no
 * more). Each record's content id is read from its line, which starts `{"id":"<16 digits>"`.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export-plan.h"

static const char LINE_START[] = "{\"id\":\"";
#define ID_AT (sizeof LINE_START - 1)

typedef struct {
  uint32_t hash, index;
  const uint8_t *id;
} SortItem;

static int by_export_order(const void *a, const void *b) {
  const SortItem *x = a, *y = b;
  if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
  int by_id = memcmp(x->id, y->id, 16);
  if (by_id) return by_id;
  return x->index < y->index ? -1 : x->index > y->index;
}

static uint32_t read_u32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static void plan_order(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  if (!p || !p->finished || (uint32_t)sqlite3_value_bytes(argv[0]) != p->record_count) {
    return sqlite3_result_error(ctx, "delta_plan_order: a finished plan and a split per record", -1);
  }
  free(p->splits), free(p->bucket_start), free(p->members);
  p->splits = malloc(p->record_count + 1);
  p->bucket_start = calloc(p->bucket_count + 1, sizeof *p->bucket_start);
  p->members = malloc(((size_t)p->record_count + 1) * sizeof *p->members);
  if (!p->splits || !p->bucket_start || !p->members) return sqlite3_result_error_nomem(ctx);
  const uint8_t *splits = sqlite3_value_blob(argv[0]);
  if (p->record_count) memcpy(p->splits, splits, p->record_count);
  /* Counting sort of record indices by bucket: each bucket's members stay in index order. */
  const uint8_t *records = p->records.p;
  for (uint32_t r = 0; r < p->record_count; r++) {
    p->bucket_start[(records[10 * r] | records[10 * r + 1] << 8) + 1]++;
  }
  for (uint32_t b = 0; b < p->bucket_count; b++) p->bucket_start[b + 1] += p->bucket_start[b];
  uint32_t *next = malloc(((size_t)p->bucket_count + 1) * sizeof *next);
  if (!next) return sqlite3_result_error_nomem(ctx);
  memcpy(next, p->bucket_start, p->bucket_count * sizeof *next);
  for (uint32_t r = 0; r < p->record_count; r++) {
    p->members[next[records[10 * r] | records[10 * r + 1] << 8]++] = r;
  }
  free(next);
  p->emit_bucket = p->emit_at = p->emitted = 0;
  p->loaded = -1;
  sqlite3_result_null(ctx);
}

/* Reads bucket b's records from the spill file into p->load; 0 with an error set on failure. */
static int load_bucket(sqlite3_context *ctx, Plan *p, uint32_t b) {
  Bucket *bucket = &p->buckets[b];
  p->load.n = 0;
  if (!reserve(&p->load, bucket->bytes)) return sqlite3_result_error_nomem(ctx), 0;
  const uint8_t *run = bucket->extents.p;
  for (uint32_t i = 0; i < bucket->extent_count; i++, run += 12) {
    double position;
    memcpy(&position, run, 8);
    uint32_t length = read_u32(run + 8);
    for (uint32_t done = 0; done < length;) {
      ssize_t got = pread(p->fd, p->load.p + p->load.n + done, length - done, (off_t)position + done);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        char message[512];
        snprintf(message, sizeof message, "the export's record file %s cannot be read: %s", p->path,
                 got == 0 ? "it ended early" : strerror(errno));
        sqlite3_result_error(ctx, message, -1);
        return 0;
      }
      done += (uint32_t)got;
    }
    p->load.n += length;
  }
  p->loaded = b;
  return 1;
}

/* Loads bucket b and sorts its members into export order; 0 with an error set on failure. */
static int prepare_bucket(sqlite3_context *ctx, Plan *p, uint32_t b) {
  if (!load_bucket(ctx, p, b)) return 0;
  uint32_t from = p->bucket_start[b], count = p->bucket_start[b + 1] - from;
  SortItem *items = malloc((count ? count : 1) * sizeof *items);
  if (!items) return sqlite3_result_error_nomem(ctx), 0;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t r = p->members[from + i];
    const uint8_t *record = p->records.p + 10 * (size_t)r;
    uint32_t offset = read_u32(record + 2), length = read_u32(record + 6);
    const uint8_t *line = p->load.p + offset;
    if (length < ID_AT + 17 || memcmp(line, LINE_START, ID_AT) != 0 || line[ID_AT + 16] != '"') {
      free(items);
      sqlite3_result_error(ctx, "delta_plan_emit: a record is not a TRL line with a content id", -1);
      return 0;
    }
    items[i] = (SortItem){seeded_hash(p->seed, (const char *)line + ID_AT), r, line + ID_AT};
  }
  qsort(items, count, sizeof *items, by_export_order);
  for (uint32_t i = 0; i < count; i++) p->members[from + i] = items[i].index;
  free(items);
  return 1;
}

static void plan_emit(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  if (!p || !p->members) return sqlite3_result_error(ctx, "delta_plan_emit: no ordered plan", -1);
  sqlite3_int64 max_bytes = sqlite3_value_int64(argv[0]);
  Buf *parts = p->parts;
  parts[0].n = parts[1].n = 0;
  while (p->emit_bucket < p->bucket_count && (sqlite3_int64)(parts[0].n + parts[1].n) < max_bytes) {
    uint32_t b = p->emit_bucket;
    uint32_t from = p->bucket_start[b], count = p->bucket_start[b + 1] - from;
    if (p->emit_at >= count) {
      p->emit_bucket++, p->emit_at = 0;
      continue;
    }
    if (p->loaded != b && !prepare_bucket(ctx, p, b)) return;
    uint32_t r = p->members[from + p->emit_at++];
    const uint8_t *record = p->records.p + 10 * (size_t)r;
    Buf *part = &parts[p->splits[r] ? 1 : 0];
    put(part, p->load.p + read_u32(record + 2), read_u32(record + 6));
    put(part, "\n", 1);
    p->emitted++;
  }
  Buf *out = &p->out;
  out->n = 0;
  put_u32(out, p->emitted);
  for (int i = 0; i < 2; i++) put_u32(out, (uint32_t)parts[i].n), put(out, parts[i].p, parts[i].n);
  if (out->failed || parts[0].failed || parts[1].failed) return sqlite3_result_error_nomem(ctx);
  sqlite3_result_blob(ctx, out->p, (int)out->n, SQLITE_TRANSIENT);
}

int register_plan_emit(struct sqlite3 *db, Slot *slot) {
  int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc = sqlite3_create_function(db, "delta_plan_order", 1, flags, slot, plan_order, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_plan_emit", 1, flags, slot, plan_emit, 0, 0);
  return rc;
}
