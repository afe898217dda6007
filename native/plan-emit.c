/*
 * A finished plan's records in export order, written straight into the split files (see
 * export-plan.c; the JavaScript side is src-main/services/export/native-plan.ts):
 *
 * delta_plan_order(splits, train_path, validation_path)
 *   splits: one byte per record, 0 train or 1 validation; creates the split files (a NULL
 *   validation path when no record is in validation)
 * delta_plan_write(max_bytes)  writes the next records in export order, at least max_bytes of
 *   lines unless none are left; returns the records written so far
 * delta_plan_close_files()     closes the files; returns JSON, per split (train, validation)
 *   {"bytes":n,"sha256":"<hex>"} or null
 *
 * Each line goes from the loaded bucket to its file with its newline (the spill keeps one after
 * every record), through writev, hashed on the way: no copy of it is made in this process.
 * Against handing 1 MiB chunks to JavaScript to hash and write, that saves three copies of every
 * byte and keeps the writes off libuv's thread pool, where they queued behind image copies.
 *
 * Export order is exportOrder's (src-shared/domain/export-order.ts) taken bucket by bucket:
 * records of a lower order bucket first, and within a bucket by seeded hash of the content id,
 * then the id, then the record's index (a bucket holds a single tier, so curriculum needs no
 * more). Each record's content id is read from its line, which starts `{"id":"<16 digits>"`.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#include <errno.h>
#include <fcntl.h>
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

/* Sets the error for a split file that failed; returns 0. */
static int file_error(sqlite3_context *ctx, const SplitFile *f, const char *what) {
  char message[512];
  snprintf(message, sizeof message, "the export file %s cannot be %s: %s", f->path, what,
           strerror(errno ? errno : EIO));
  sqlite3_result_error(ctx, message, -1);
  return 0;
}

void close_split_files(Plan *p) {
  for (int i = 0; i < 2; i++) {
    if (p->files[i].fd >= 0) close(p->files[i].fd);
    p->files[i].fd = -1;
    free(p->files[i].path);
    p->files[i].path = NULL;
  }
}

static uint32_t read_u32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static void plan_order(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  if (!p || !p->finished || (uint32_t)sqlite3_value_bytes(argv[0]) != p->record_count ||
      sqlite3_value_type(argv[1]) != SQLITE_TEXT || p->files[0].path) {
    return sqlite3_result_error(
        ctx, "delta_plan_order: a finished plan, a split per record and a train file path", -1);
  }
  for (int i = 0; i < 2; i++) {
    if (sqlite3_value_type(argv[1 + i]) != SQLITE_TEXT) continue;
    SplitFile *f = &p->files[i];
    f->path = strdup((const char *)sqlite3_value_text(argv[1 + i]));
    if (!f->path) return sqlite3_result_error_nomem(ctx);
    sha256_init(&f->sha, p->blocks);
    f->fd = open(f->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (f->fd < 0) {
      file_error(ctx, f, "created");
      return close_split_files(p); /* the caller may try again, elsewhere */
    }
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
    if (length < ID_AT + 17 || offset + (size_t)length >= p->load.n || line[length] != '\n' ||
        memcmp(line, LINE_START, ID_AT) != 0 || line[ID_AT + 16] != '"') {
      free(items);
      sqlite3_result_error(ctx, "delta_plan_write: a record is not a TRL line with a content id and its newline", -1);
      return 0;
    }
    items[i] = (SortItem){seeded_hash(p->seed, (const char *)line + ID_AT), r, line + ID_AT};
  }
  qsort(items, count, sizeof *items, by_export_order);
  for (uint32_t i = 0; i < count; i++) p->members[from + i] = items[i].index;
  free(items);
  return 1;
}

/* Writes the lines gathered for `f`, all of them, however the kernel splits the writes. */
static int flush_lines(sqlite3_context *ctx, SplitFile *f) {
  struct iovec *v = f->lines;
  int n = f->line_count;
  while (n > 0) {
    ssize_t wrote = writev(f->fd, v, n);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return file_error(ctx, f, "written");
    for (; n > 0 && (size_t)wrote >= v->iov_len; v++, n--) wrote -= (ssize_t)v->iov_len;
    if (n > 0) v->iov_base = (uint8_t *)v->iov_base + wrote, v->iov_len -= (size_t)wrote;
  }
  f->line_count = 0;
  return 1;
}

/* Both files' gathered lines point into the loaded bucket: out they go before it changes. */
static int flush_both(sqlite3_context *ctx, Plan *p) {
  return flush_lines(ctx, &p->files[0]) && flush_lines(ctx, &p->files[1]);
}

static void plan_write(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  if (!p || !p->members || p->files[0].fd < 0) {
    return sqlite3_result_error(ctx, "delta_plan_write: no ordered plan with open files", -1);
  }
  sqlite3_int64 max_bytes = sqlite3_value_int64(argv[0]), wrote = 0;
  while (p->emit_bucket < p->bucket_count && wrote < max_bytes) {
    uint32_t b = p->emit_bucket;
    uint32_t from = p->bucket_start[b], count = p->bucket_start[b + 1] - from;
    if (p->emit_at >= count) {
      p->emit_bucket++, p->emit_at = 0;
      continue;
    }
    if (p->loaded != b && (!flush_both(ctx, p) || !prepare_bucket(ctx, p, b))) return;
    uint32_t r = p->members[from + p->emit_at++];
    const uint8_t *record = p->records.p + 10 * (size_t)r;
    SplitFile *f = &p->files[p->splits[r] ? 1 : 0];
    if (f->fd < 0) {
      return sqlite3_result_error(ctx, "delta_plan_write: a validation record and no validation file", -1);
    }
    uint8_t *line = p->load.p + read_u32(record + 2);
    size_t length = read_u32(record + 6) + 1;
    sha256_update(&f->sha, line, length);
    f->bytes += length;
    f->lines[f->line_count++] = (struct iovec){line, length};
    if (f->line_count == WRITE_BATCH && !flush_lines(ctx, f)) return;
    p->emitted++;
    wrote += (sqlite3_int64)length;
  }
  if (!flush_both(ctx, p)) return;
  sqlite3_result_int64(ctx, p->emitted);
}

static void plan_close_files(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc, (void)argv;
  Plan *p = ((Slot *)sqlite3_user_data(ctx))->plan;
  if (!p || p->files[0].fd < 0 || p->emitted != p->record_count) {
    return sqlite3_result_error(ctx, "delta_plan_close_files: a plan written to the end", -1);
  }
  char json[256];
  size_t at = 0;
  json[at++] = '[';
  for (int i = 0; i < 2; i++) {
    SplitFile *f = &p->files[i];
    if (i) json[at++] = ',';
    if (f->fd < 0) {
      memcpy(json + at, "null", 4), at += 4;
      continue;
    }
    if (close(f->fd) != 0) {
      f->fd = -1;
      file_error(ctx, f, "closed");
      return;
    }
    f->fd = -1;
    uint8_t digest[32];
    sha256_final(&f->sha, digest);
    at += (size_t)snprintf(json + at, sizeof json - at, "{\"bytes\":%llu,\"sha256\":\"",
                           (unsigned long long)f->bytes);
    hex_digits(digest, 32, json + at);
    at += 64;
    json[at++] = '"', json[at++] = '}';
  }
  json[at++] = ']';
  sqlite3_result_text(ctx, json, (int)at, SQLITE_TRANSIENT);
}

int register_plan_emit(struct sqlite3 *db, Slot *slot) {
  int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc = sqlite3_create_function(db, "delta_plan_order", 3, flags, slot, plan_order, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_plan_write", 1, flags, slot, plan_write, 0, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function(db, "delta_plan_close_files", 0, flags, slot, plan_close_files, 0, 0);
  }
  return rc;
}
