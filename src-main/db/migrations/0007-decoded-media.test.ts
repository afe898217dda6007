import { describe, expect, it } from 'vitest'

import { NOW, dbAt, migrateAll } from './migration-fixtures'

describe('migration 0007 decoded-media', () => {
  it('adds a table of content hashes known to decode, one row per hash', () => {
    const db = dbAt(6)
    migrateAll(db)
    const sha = 'a'.repeat(64)
    const insert = db.prepare(
      'INSERT INTO decoded_media (sha256, checked_at) VALUES (?, ?) ON CONFLICT DO NOTHING'
    )
    insert.run(sha, NOW)
    insert.run(sha, NOW)
    expect(db.prepare('SELECT sha256 FROM decoded_media').pluck().all()).toEqual([sha])
    expect(() => insert.run('abc', NOW)).toThrow(/CHECK constraint/)
  })
})
