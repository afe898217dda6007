/* The plan's hash tables (see export-plan.h): byte strings to numbers, and a set of ids. */
#include <stdlib.h>
#include <string.h>

#include "export-plan.h"

/* ---- ByteMap */

static uint64_t fnv64(const void *data, size_t n) {
  const uint8_t *s = data;
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 0x100000001b3ULL;
  return h;
}

static int map_rehash(ByteMap *m) {
  size_t cap = m->cap ? m->cap * 2 : 1024;
  uint32_t *slots = calloc(cap, sizeof *slots);
  if (!slots) return 0;
  for (size_t i = 0; i < m->count; i++) {
    size_t at = m->entries[i].hash & (cap - 1);
    while (slots[at]) at = (at + 1) & (cap - 1);
    slots[at] = (uint32_t)(i + 1);
  }
  free(m->slots);
  m->slots = slots, m->cap = cap;
  return 1;
}

Entry *map_get(ByteMap *m, const void *key, size_t n, int *added) {
  *added = 0;
  if ((m->count + 1) * 2 > m->cap && !map_rehash(m)) return NULL;
  uint64_t hash = fnv64(key, n);
  size_t at = hash & (m->cap - 1);
  for (; m->slots[at]; at = (at + 1) & (m->cap - 1)) {
    Entry *e = &m->entries[m->slots[at] - 1];
    if (e->hash == hash && e->key_len == n && memcmp(m->keys.p + e->key_at, key, n) == 0) return e;
  }
  if (m->count == m->entries_cap) {
    size_t cap = m->entries_cap ? m->entries_cap * 2 : 256;
    Entry *entries = realloc(m->entries, cap * sizeof *entries);
    if (!entries) return NULL;
    m->entries = entries, m->entries_cap = cap;
  }
  Entry *e = &m->entries[m->count];
  *e = (Entry){hash, m->keys.n, (uint32_t)n, {0, 0, 0}};
  put(&m->keys, key, n);
  if (m->keys.failed) return NULL;
  m->slots[at] = (uint32_t)++m->count;
  *added = 1;
  return e;
}

void map_free(ByteMap *m) {
  free(m->slots), free(m->entries), free(m->keys.p);
}

/* ---- the set of content ids seen (dedupe): their first 64 bits, open addressing */


/* 1 if `id` was added, 0 if it was there, -1 when out of memory. */
int idset_add(IdSet *s, uint64_t id) {
  if (id == 0) {
    int added = !s->has_zero;
    s->has_zero = 1;
    return added;
  }
  if ((s->count + 1) * 2 > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 4096;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < s->cap; i++) {
      if (!s->slots[i]) continue;
      size_t at = (s->slots[i] * 0x9E3779B97F4A7C15ULL) >> 20 & (cap - 1);
      while (slots[at]) at = (at + 1) & (cap - 1);
      slots[at] = s->slots[i];
    }
    free(s->slots);
    s->slots = slots, s->cap = cap;
  }
  size_t at = (id * 0x9E3779B97F4A7C15ULL) >> 20 & (s->cap - 1);
  for (; s->slots[at]; at = (at + 1) & (s->cap - 1)) {
    if (s->slots[at] == id) return 0;
  }
  s->slots[at] = id;
  s->count++;
  return 1;
}

