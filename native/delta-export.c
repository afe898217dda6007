/*
 * delta-export: a SQLite extension holding the export's per-record text work, so that the texts
 * of a 100k-pair export never become JavaScript strings (see
 * src-main/native/delta-export-extension.ts, which builds and loads it, and
 * src-main/services/export/native-head.ts, which reads its results).
 *
 * delta_trl_head(question, chosen, rejected, image_list) returns a BLOB:
 *   bytes 0-15  the record's content id (first 16 hex digits of SHA-256 over
 *               `[q,c,r,["sha",...]]`, the texts quoted as JSON.stringify quotes them: contentId)
 *   byte 16     flags: bit 0 = chosen and rejected are equal once trimmed as String.trim does;
 *               bit 1 = a text is NULL or not valid UTF-8: no id or head follow, only the three
 *               texts (u32le length, 0xffffffff for NULL, then the bytes) for the JS path
 *   bytes 17-   the TRL line up to and including `"images":[` (trlHead, byte for byte)
 * image_list is imageListSql's value: entries `sha:...` joined by commas.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- SHA-256 (FIPS 180-4): portable, and with the x86 SHA extensions where the CPU has them */

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void blocks_portable(uint32_t *h, const uint8_t *p, size_t blocks) {
  for (; blocks > 0; blocks--, p += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
      w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
             p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
      uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
/* Four rounds per step with SHA256RNDS2; the message schedule kept in a ring of four vectors. */
__attribute__((target("sha,sse4.1,ssse3"))) static void blocks_shani(uint32_t *h, const uint8_t *p,
                                                                      size_t blocks) {
  const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1);
  __m128i s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B);
  __m128i s0 = _mm_alignr_epi8(tmp, s1, 8); /* ABEF */
  s1 = _mm_blend_epi16(s1, tmp, 0xF0);      /* CDGH */
  for (; blocks > 0; blocks--, p += 64) {
    __m128i abef = s0, cdgh = s1, w[4], msg;
    for (int i = 0; i < 16; i++) {
      if (i < 4) {
        w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), mask);
      } else {
        __m128i t = _mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]);
        t = _mm_add_epi32(t, _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4));
        w[i & 3] = _mm_sha256msg2_epu32(t, w[(i + 3) & 3]);
      }
      msg = _mm_add_epi32(w[i & 3], _mm_loadu_si128((const __m128i *)&K[4 * i]));
      s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
      s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(msg, 0x0E));
    }
    s0 = _mm_add_epi32(s0, abef);
    s1 = _mm_add_epi32(s1, cdgh);
  }
  tmp = _mm_shuffle_epi32(s0, 0x1B);
  s1 = _mm_shuffle_epi32(s1, 0xB1);
  _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(tmp, s1, 0xF0));
  _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(s1, tmp, 8));
}
static int cpu_has_sha(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3)) return 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return (b >> 29) & 1;
}
#else
static int cpu_has_sha(void) { return 0; }
static void blocks_shani(uint32_t *h, const uint8_t *p, size_t blocks) { blocks_portable(h, p, blocks); }
#endif

typedef void (*blocks_fn)(uint32_t *, const uint8_t *, size_t);

/* Hashes `n` bytes: `blocks` for whole blocks, then the padded tail. */
static void sha256(blocks_fn blocks, const uint8_t *data, size_t n, uint8_t out[32]) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  size_t whole = n / 64;
  if (whole) blocks(h, data, whole);
  uint8_t tail[128] = {0};
  size_t rest = n - whole * 64;
  memcpy(tail, data + whole * 64, rest);
  tail[rest] = 0x80;
  size_t tail_blocks = rest < 56 ? 1 : 2;
  uint64_t bits = (uint64_t)n * 8;
  for (int i = 0; i < 8; i++) tail[tail_blocks * 64 - 1 - i] = (uint8_t)(bits >> (8 * i));
  blocks(h, tail, tail_blocks);
  for (int i = 0; i < 8; i++) {
    out[4 * i] = (uint8_t)(h[i] >> 24), out[4 * i + 1] = (uint8_t)(h[i] >> 16);
    out[4 * i + 2] = (uint8_t)(h[i] >> 8), out[4 * i + 3] = (uint8_t)h[i];
  }
}

/* ---- a growable byte buffer; one per connection, reused row after row */

typedef struct {
  uint8_t *p;
  size_t n, cap;
  int failed;
} Buf;

static int reserve(Buf *b, size_t more) {
  if (b->failed) return 0;
  if (b->n + more <= b->cap) return 1;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->n + more) cap *= 2;
  uint8_t *p = realloc(b->p, cap);
  if (!p) return b->failed = 1, 0;
  b->p = p, b->cap = cap;
  return 1;
}

static void put(Buf *b, const void *s, size_t n) {
  if (reserve(b, n)) memcpy(b->p + b->n, s, n), b->n += n;
}
#define PUT_LITERAL(b, s) put(b, s, sizeof(s) - 1)

/* Length of the valid UTF-8 sequence at s[i..n), or 0 (the rules of RFC 3629: no overlongs,
 * no surrogates, nothing past U+10FFFF). */
static int utf8_length(const uint8_t *s, size_t i, size_t n, uint32_t *cp) {
  uint8_t c = s[i];
  if (c < 0x80) return *cp = c, 1;
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > n) return 0;
  uint32_t v = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; k++) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    v = v << 6 | (s[i + k] & 0x3F);
  }
  static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < least[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  return *cp = v, len;
}

/* Appends JSON.stringify(text); returns 0 if the text is not valid UTF-8. */
static int quote(Buf *b, const uint8_t *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  if (!reserve(b, n * 6 + 2)) return 0;
  uint8_t *o = b->p + b->n;
  *o++ = '"';
  for (size_t i = 0; i < n;) {
    uint8_t c = s[i];
    if (c >= 0x80) {
      uint32_t cp;
      int len = utf8_length(s, i, n, &cp);
      if (!len) return 0;
      memcpy(o, s + i, len), o += len, i += len;
      continue;
    }
    i++;
    if (c >= 0x20 && c != '"' && c != '\\') {
      *o++ = c;
      continue;
    }
    *o++ = '\\';
    switch (c) {
      case '"': *o++ = '"'; break;
      case '\\': *o++ = '\\'; break;
      case '\b': *o++ = 'b'; break;
      case '\f': *o++ = 'f'; break;
      case '\n': *o++ = 'n'; break;
      case '\r': *o++ = 'r'; break;
      case '\t': *o++ = 't'; break;
      default: *o++ = 'u', *o++ = '0', *o++ = '0', *o++ = hex[c >> 4], *o++ = hex[c & 15];
    }
  }
  *o++ = '"';
  b->n = o - b->p;
  return 1;
}

/* What String.prototype.trim removes: WhiteSpace and LineTerminator (ECMA-262). */
static int js_space(uint32_t cp) {
  return cp == 0x09 || cp == 0x0A || cp == 0x0B || cp == 0x0C || cp == 0x0D || cp == 0x20 ||
         cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* The bounds of valid UTF-8 `s` once trimmed. */
static void trimmed(const uint8_t *s, size_t n, size_t *from, size_t *to) {
  size_t i = 0, end = n;
  uint32_t cp;
  int len;
  while (i < end && (len = utf8_length(s, i, end, &cp)) && js_space(cp)) i += len;
  while (end > i) {
    size_t start = end - 1;
    while (start > i && (s[start] & 0xC0) == 0x80) start--;
    if (!utf8_length(s, start, end, &cp) || !js_space(cp)) break;
    end = start;
  }
  *from = i, *to = end;
}

typedef struct {
  blocks_fn blocks;
  Buf quoted, line;
} Context;

static void put_u32(Buf *b, uint32_t v) {
  uint8_t le[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  put(b, le, 4);
}

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

static const char USER_OPEN[] = "\",\"prompt\":[{\"role\":\"user\",\"content\":[";
static const char IMAGE_PART[] = "{\"type\":\"image\"},";
static const char TEXT_OPEN[] = "{\"type\":\"text\",\"text\":";
static const char ASSISTANT_OPEN[] =
    "[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":";
static const char TURN_CLOSE[] = "}]}]";

static void trl_head(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Context *c = sqlite3_user_data(ctx);
  if (sqlite3_value_type(argv[3]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const uint8_t *text[3];
  size_t len[3];
  for (int i = 0; i < 3; i++) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return fallback(ctx, c, argv);
    text[i] = sqlite3_value_text(argv[i]);
    len[i] = (size_t)sqlite3_value_bytes(argv[i]);
  }
  const char *list = (const char *)sqlite3_value_text(argv[3]);
  size_t list_len = (size_t)sqlite3_value_bytes(argv[3]);

  /* `[q,c,r,["sha",...]]`: the content id's input, holding the quoted texts the line reuses. */
  Buf *q = &c->quoted;
  q->n = 0;
  size_t at[3][2];
  put(q, "[", 1);
  for (int i = 0; i < 3; i++) {
    at[i][0] = q->n;
    if (!quote(q, text[i], len[i])) return fallback(ctx, c, argv);
    at[i][1] = q->n;
    put(q, ",", 1);
  }
  put(q, "[", 1);
  int images = 0;
  for (size_t i = 0; i < list_len;) {
    size_t end = i;
    while (end < list_len && list[end] != ':' && list[end] != ',') end++;
    if (images++) put(q, ",", 1);
    put(q, "\"", 1), put(q, list + i, end - i), put(q, "\"", 1);
    while (end < list_len && list[end] != ',') end++;
    i = end + 1;
  }
  put(q, "]]", 2);
  if (q->failed) return sqlite3_result_error_nomem(ctx);

  uint8_t digest[32];
  sha256(c->blocks, q->p, q->n, digest);
  static const char hex[] = "0123456789abcdef";
  char id[16];
  for (int i = 0; i < 8; i++) id[2 * i] = hex[digest[i] >> 4], id[2 * i + 1] = hex[digest[i] & 15];

  size_t from[2], to[2];
  trimmed(text[1], len[1], &from[0], &to[0]);
  trimmed(text[2], len[2], &from[1], &to[1]);
  uint8_t identical = to[0] - from[0] == to[1] - from[1] &&
                      memcmp(text[1] + from[0], text[2] + from[1], to[0] - from[0]) == 0;

  Buf *line = &c->line;
  line->n = 0;
  put(line, id, 16);
  put(line, &identical, 1);
  PUT_LITERAL(line, "{\"id\":\"");
  put(line, id, 16);
  PUT_LITERAL(line, USER_OPEN);
  for (int i = 0; i < images; i++) PUT_LITERAL(line, IMAGE_PART);
  PUT_LITERAL(line, TEXT_OPEN);
  put(line, q->p + at[0][0], at[0][1] - at[0][0]);
  PUT_LITERAL(line, TURN_CLOSE);
  PUT_LITERAL(line, ",\"chosen\":");
  PUT_LITERAL(line, ASSISTANT_OPEN);
  put(line, q->p + at[1][0], at[1][1] - at[1][0]);
  PUT_LITERAL(line, TURN_CLOSE);
  PUT_LITERAL(line, ",\"rejected\":");
  PUT_LITERAL(line, ASSISTANT_OPEN);
  put(line, q->p + at[2][0], at[2][1] - at[2][0]);
  PUT_LITERAL(line, TURN_CLOSE);
  PUT_LITERAL(line, ",\"images\":[");
  if (line->failed) return sqlite3_result_error_nomem(ctx);
  sqlite3_result_blob(ctx, line->p, (int)line->n, SQLITE_TRANSIENT);
}

/* delta_sha256(blob, 'portable'|'native'): hex digest; lets tests check both implementations. */
static void sha256_hex(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const uint8_t *data = sqlite3_value_blob(argv[0]);
  size_t n = (size_t)sqlite3_value_bytes(argv[0]);
  const char *which = (const char *)sqlite3_value_text(argv[1]);
  blocks_fn blocks = which && strcmp(which, "portable") == 0 ? blocks_portable
                     : cpu_has_sha()                         ? blocks_shani
                                                             : blocks_portable;
  uint8_t digest[32];
  static const char hex[] = "0123456789abcdef";
  char out[64];
  sha256(blocks, data ? data : (const uint8_t *)"", n, digest);
  for (int i = 0; i < 32; i++) out[2 * i] = hex[digest[i] >> 4], out[2 * i + 1] = hex[digest[i] & 15];
  sqlite3_result_text(ctx, out, 64, SQLITE_TRANSIENT);
}

/* delta_export_sha(): which implementation delta_trl_head uses ('native' or 'portable'). */
static void sha_kind(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc, (void)argv;
  Context *c = sqlite3_user_data(ctx);
  sqlite3_result_text(ctx, c->blocks == blocks_shani ? "native" : "portable", -1, SQLITE_STATIC);
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
  c->blocks = cpu_has_sha() ? blocks_shani : blocks_portable;
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function_v2(db, "delta_trl_head", 4, flags, c, trl_head, 0, 0,
                                      free_context);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "delta_sha256", 2, flags, 0, sha256_hex, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_export_sha", 0, flags, c, sha_kind, 0, 0);
  return rc;
}
