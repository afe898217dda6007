import { describe, expect, it } from 'vitest'

import { dbAt, insertPair, migrateAll } from './migration-fixtures'

const hits = (db: ReturnType<typeof dbAt>, table: string, query: string) =>
  (
    db
      .prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
      .all(query) as Array<{
      rowid: number
    }>
  ).map((r) => r.rowid)

describe('migration 0004 full-text', () => {
  it('indexes rows that existed before it ran', () => {
    const db = dbAt(3)
    const id = insertPair(db, {}, 'Which café sign is lit?')
    migrateAll(db)
    expect(hits(db, 'pairs_fts', 'cafe')).toEqual([id])
    expect(hits(db, 'pairs_fts', 'truck')).toEqual([id])
    expect(hits(db, 'samples_fts', 'sign')).toEqual([1])
  })

  it('follows edits, question changes and deletes', () => {
    const db = dbAt(4)
    const id = insertPair(db)
    db.prepare("UPDATE pairs SET chosen_edit = 'A crimson sedan' WHERE id = ?").run(id)
    expect(hits(db, 'pairs_fts', 'crimson')).toEqual([id])
    expect(hits(db, 'pairs_fts', 'red')).toEqual([])
    db.prepare("UPDATE samples SET question = 'Where is the zebra?' WHERE id = 1").run()
    expect(hits(db, 'pairs_fts', 'zebra')).toEqual([id])
    expect(hits(db, 'samples_fts', 'zebra')).toEqual([1])
    expect(hits(db, 'samples_fts', 'color')).toEqual([])
    db.prepare('DELETE FROM pairs WHERE id = ?').run(id)
    expect(hits(db, 'pairs_fts', 'crimson')).toEqual([])
    db.prepare('DELETE FROM samples WHERE id = 1').run()
    expect(hits(db, 'samples_fts', 'zebra')).toEqual([])
  })

  it('leaves the index alone when a change does not touch text', () => {
    const db = dbAt(4)
    const id = insertPair(db)
    db.prepare("UPDATE pairs SET status = 'accepted', chosen_edit = chosen_edit WHERE id = ?").run(
      id
    )
    expect(hits(db, 'pairs_fts', 'red')).toEqual([id])
    // FTS5's own consistency check throws on a corrupt index.
    expect(() =>
      db.prepare("INSERT INTO pairs_fts (pairs_fts) VALUES ('integrity-check')").run()
    ).not.toThrow()
  })
})
