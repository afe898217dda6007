/* The growable buffer, JSON quoting of UTF-8 text, and the TRL line head (see delta-export.h). */
#include <stdlib.h>
#include <string.h>

#include "delta-export.h"

int reserve(Buf *b, size_t more) {
  if (b->failed) return 0;
  if (b->n + more <= b->cap) return 1;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->n + more) cap *= 2;
  uint8_t *p = realloc(b->p, cap);
  if (!p) return b->failed = 1, 0;
  b->p = p, b->cap = cap;
  return 1;
}

void put(Buf *b, const void *s, size_t n) {
  if (reserve(b, n)) memcpy(b->p + b->n, s, n), b->n += n;
}

void put_u32(Buf *b, uint32_t v) {
  uint8_t le[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  put(b, le, 4);
}

void put_f64(Buf *b, double v) {
  uint8_t le[8];
  memcpy(le, &v, 8); /* little-endian hosts only: x86-64 and arm64 */
  put(b, le, 8);
}

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

int quote(Buf *b, const uint8_t *s, size_t n) {
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

static const char USER_OPEN[] = "\",\"prompt\":[{\"role\":\"user\",\"content\":[";
static const char IMAGE_PART[] = "{\"type\":\"image\"},";
static const char TEXT_OPEN[] = "{\"type\":\"text\",\"text\":";
static const char ASSISTANT_OPEN[] =
    "[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":";
static const char TURN_CLOSE[] = "}]}]";

int trl_head(blocks_fn blocks, HeadInput *in, Buf *q, Buf *line) {
  /* `[q,c,r,["sha",...]]`: the content id's input, holding the quoted texts the line reuses. */
  q->n = 0;
  size_t at[3][2];
  put(q, "[", 1);
  for (int i = 0; i < 3; i++) {
    at[i][0] = q->n;
    if (!quote(q, in->text[i], in->len[i])) return q->failed ? -1 : 0;
    at[i][1] = q->n;
    put(q, ",", 1);
  }
  put(q, "[", 1);
  int images = 0;
  const char *list = in->list;
  for (size_t i = 0; i < in->list_len;) {
    size_t end = i;
    while (end < in->list_len && list[end] != ':' && list[end] != ',') end++;
    if (images++) put(q, ",", 1);
    put(q, "\"", 1), put(q, list + i, end - i), put(q, "\"", 1);
    while (end < in->list_len && list[end] != ',') end++;
    i = end + 1;
  }
  put(q, "]]", 2);
  if (q->failed) return -1;

  uint8_t digest[32];
  sha256(blocks, q->p, q->n, digest);
  hex_digits(digest, 8, in->id);
  size_t from[2], to[2];
  trimmed(in->text[1], in->len[1], &from[0], &to[0]);
  trimmed(in->text[2], in->len[2], &from[1], &to[1]);
  in->identical = to[0] - from[0] == to[1] - from[1] &&
                  memcmp(in->text[1] + from[0], in->text[2] + from[1], to[0] - from[0]) == 0;

  PUT_LITERAL(line, "{\"id\":\"");
  put(line, in->id, 16);
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
  return line->failed ? -1 : 1;
}
