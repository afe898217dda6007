/*
 * A value's bytes as SQLite holds them. Include after sqlite3ext.h and SQLITE_EXTENSION_INIT1 or
 * INIT3.
 */
#ifndef VALUE_BYTES_H
#define VALUE_BYTES_H
#include <stddef.h>
#include <stdint.h>

/* The UTF-8 bytes of a TEXT value (or a BLOB's), without the copy sqlite3_value_text makes of a
 * text read from a page to add its terminator: three texts and a list per exported row. Never
 * NULL, even for an empty value. */
static inline const uint8_t *value_bytes(sqlite3_value *v, size_t *n) {
  const uint8_t *bytes = sqlite3_value_blob(v); /* before _bytes, as SQLite asks */
  *n = (size_t)sqlite3_value_bytes(v);
  return bytes ? bytes : (const uint8_t *)"";
}

#endif
