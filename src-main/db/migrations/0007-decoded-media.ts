import type { Migration } from '../migrate'

/**
 * Content known to decode: the SHA-256 of every image file an export's self-check decoded in
 * full without error. Keyed by content, not by `images` row, because what decodes is the bytes:
 * a later self-check that finds a file with one of these hashes has proved, by hashing alone,
 * that it decodes (see `ImageCheck`), which is some 50× cheaper than decoding it again.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'decoded-media',
  sql: `
    CREATE TABLE decoded_media (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      checked_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `
}
