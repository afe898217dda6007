/*
 * What the export extension's files share (see delta-export.c for the SQL functions they add):
 * SHA-256, a growable byte buffer, JSON quoting of UTF-8 text, and the TRL line head.
 */
#ifndef DELTA_EXPORT_H
#define DELTA_EXPORT_H
#include <stddef.h>
#include <stdint.h>

/* ---- SHA-256 (sha256.c) */
typedef void (*blocks_fn)(uint32_t *, const uint8_t *, size_t);
void blocks_portable(uint32_t *h, const uint8_t *p, size_t blocks);
/* The x86 SHA extensions where the CPU has them (sha256_blocks_best), else blocks_portable. */
blocks_fn sha256_blocks_best(void);
void sha256(blocks_fn blocks, const uint8_t *data, size_t n, uint8_t out[32]);
/* The same, fed in pieces (a file's hash as it is written). */
typedef struct {
  uint32_t h[8];
  uint8_t block[64]; /* a partial block, `used` bytes */
  size_t used;
  uint64_t total;
  blocks_fn blocks;
} Sha256;
void sha256_init(Sha256 *s, blocks_fn blocks);
void sha256_update(Sha256 *s, const uint8_t *data, size_t n);
void sha256_final(Sha256 *s, uint8_t out[32]);
/* Writes `n` bytes as 2n lower-case hex digits (no terminator): digests and content ids. */
void hex_digits(const uint8_t *bytes, size_t n, char *out);

/* ---- a growable byte buffer (json-text.c); `failed` sticks once an allocation failed */
typedef struct {
  uint8_t *p;
  size_t n, cap;
  int failed;
} Buf;
int reserve(Buf *b, size_t more);
void put(Buf *b, const void *s, size_t n);
#define PUT_LITERAL(b, s) put(b, s, sizeof(s) - 1)
void put_u32(Buf *b, uint32_t v);
void put_f64(Buf *b, double v);

/* ---- JSON text (json-text.c) */
/* Appends JSON.stringify(text); returns 0 (appending nothing) if the text is not valid UTF-8. */
int quote(Buf *b, const uint8_t *s, size_t n);

/* A record's texts and what the TRL head derived from them. */
typedef struct {
  const uint8_t *text[3]; /* question, chosen, rejected: UTF-8 */
  size_t len[3];
  const char *list; /* imageListSql's value: entries `sha:...` joined by commas */
  size_t list_len;
  char id[16];       /* out: the content id (contentId) */
  uint8_t identical; /* out: chosen and rejected are equal once trimmed as String.trim does */
} HeadInput;

/*
 * Appends to `line` the TRL line up to and including `"images":[` (trlHead, byte for byte),
 * using `quoted` as scratch, and fills in->id and in->identical. Returns 1, 0 when a text is not
 * valid UTF-8 (nothing appended: the JavaScript path must take the record), or -1 when out of
 * memory.
 */
int trl_head(blocks_fn blocks, HeadInput *in, Buf *quoted, Buf *line);

/* ---- the export plan's SQL functions (export-plan.c), registered on each connection */
struct sqlite3;
int register_export_plan(struct sqlite3 *db, blocks_fn blocks);

/* ---- image copies on threads of their own (file-copy.c), one copier per connection */
int register_file_copy(struct sqlite3 *db);

#endif
