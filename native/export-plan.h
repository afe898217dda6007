/*
 * What the export plan's files share (export-plan.c: the plan's loop and spill; plan-emit.c: its
 * records in export order; plan-tables.c: its hash tables).
 */
#ifndef EXPORT_PLAN_H
#define EXPORT_PLAN_H
#include <stdint.h>
#include <sys/uio.h>

#include "delta-export.h"

/* ---- a map from byte strings to three numbers, open addressing over entry indices */
typedef struct {
  uint64_t hash;
  size_t key_at; /* in ByteMap.keys */
  uint32_t key_len;
  uint64_t value[3]; /* the caller's */
} Entry;

typedef struct {
  uint32_t *slots; /* entry index + 1; 0 is empty */
  size_t cap;
  Entry *entries;
  size_t count, entries_cap;
  Buf keys;
} ByteMap;

/* The entry for `key`, added with zero values (*added = 1) if new; NULL when out of memory. The
 * pointer holds until the next call. */
Entry *map_get(ByteMap *m, const void *key, size_t n, int *added);
void map_free(ByteMap *m);

/* ---- the set of content ids seen (dedupe): their first 64 bits, open addressing */
typedef struct {
  uint64_t *slots; /* 0 is empty: the id 0 itself is kept in has_zero */
  size_t cap, count;
  int has_zero;
} IdSet;

/* 1 if `id` was added, 0 if it was there, -1 when out of memory. */
int idset_add(IdSet *s, uint64_t id);

/* ---- the plan */


typedef struct {
  Buf chunk;   /* records not yet in the file */
  Buf extents; /* the file runs holding this bucket's bytes, as finish returns them */
  uint32_t extent_count;
  uint64_t bytes; /* appended so far, in the file and in the chunk */
} Bucket;

/* Lines gathered for one writev: at most IOV_MAX (1024 on Linux and macOS). */
#define WRITE_BATCH 512

/* A split's data file, written whole by delta_plan_write (plan-emit.c). */
typedef struct {
  char *path;
  int fd; /* -1 until opened, and once closed */
  Sha256 sha;
  uint64_t bytes;
  struct iovec lines[WRITE_BATCH]; /* into Plan.load: written before another bucket loads */
  int line_count;
} SplitFile;

typedef struct {
  char *path;
  int fd;
  uint64_t file_bytes;
  uint32_t bucket_count;
  int curriculum, dedupe;
  uint32_t seed;
  char *suffix; /* of image file names: "" for copies, "-s<maxSide>" for re-encodes */
  Bucket *buckets;
  Buf records; /* per record: u16 bucket, u32 offset, u32 length */
  uint32_t record_count;
  IdSet seen;
  ByteMap lists; /* image list → its quoted paths in `paths` (offset, length), announced */
  Buf paths;
  ByteMap classes; /* class_key → records */
  Buf out;         /* the current delta_plan_rows call's entries */
  Buf quoted, line, key;
  int stopped;
  int finished; /* delta_plan_finish ran: the records are all in the file */
  blocks_fn blocks;
  /* Export order (plan-emit.c): the records of bucket b are members[bucket_start[b]] up to
   * members[bucket_start[b + 1]], sorted when the bucket is loaded. */
  uint8_t *splits; /* per record: 0 train, 1 validation */
  uint32_t *bucket_start, *members;
  uint32_t emit_bucket, emit_at, emitted;
  int64_t loaded; /* the bucket in `load`, or -1 */
  Buf load;
  SplitFile files[2]; /* train, validation */
} Plan;

/* Per connection: the plan under way, if any. */
typedef struct {
  Plan *plan;
  blocks_fn blocks;
} Slot;


/* The seeded hash of a 16-character content id: seededHash in src-shared/domain/export-split.ts
 * (32-bit FNV-1a from `seed`, then an avalanche step). */
static inline uint32_t seeded_hash(uint32_t seed, const char *id) {
  uint32_t h = 0x811c9dc5u ^ seed;
  for (int i = 0; i < 16; i++) h = (h ^ (uint8_t)id[i]) * 0x01000193u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  return h;
}

/* Adds delta_plan_order, delta_plan_write and delta_plan_close_files (plan-emit.c). */
int register_plan_emit(struct sqlite3 *db, Slot *slot);
/* Closes the split files and frees their paths (plan_free). */
void close_split_files(Plan *p);

#endif
