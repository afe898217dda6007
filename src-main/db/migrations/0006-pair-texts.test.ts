import { describe, expect, it } from 'vitest'

import { NOW, dbAt, insertPair, migrateAll } from './migration-fixtures'

const hits = (db: ReturnType<typeof dbAt>, query: string) =>
  (
    db
      .prepare('SELECT rowid FROM pairs_fts WHERE pairs_fts MATCH ? ORDER BY rowid')
      .all(query) as Array<{
      rowid: number
    }>
  ).map((r) => r.rowid)

const columns = (db: ReturnType<typeof dbAt>, table: string) =>
  (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name)

describe('migration 0006 pair-texts', () => {
  it('moves existing texts out of pairs and keeps them searchable', () => {
    const db = dbAt(5)
    const id = insertPair(db, { chosen_edit: 'A crimson sedan' }, 'Which café sign is lit?')
    migrateAll(db)
    expect(columns(db, 'pairs')).not.toContain('chosen_text')
    expect(columns(db, 'pairs')).not.toContain('rejected_text')
    expect(db.prepare('SELECT * FROM pair_texts').all()).toEqual([
      { pair_id: id, chosen_text: 'A red car', rejected_text: 'A blue truck parked outside' }
    ])
    expect(hits(db, 'crimson')).toEqual([id])
    expect(hits(db, 'truck')).toEqual([id])
    expect(hits(db, 'cafe')).toEqual([id])
  })

  it('keeps every pair, its tags, events and query indexes through the rebuild', () => {
    const db = dbAt(5)
    const id = insertPair(db, { status: 'accepted', tier_source: 'user', judge_score: 0.25 })
    db.prepare("INSERT INTO pair_tags (pair_id, tag) VALUES (?, 'blurry')").run(id)
    db.prepare(
      `INSERT INTO pair_events (batch_id, pair_id, action, actor, at) VALUES ('b', ?, 'accept', 'user', ?)`
    ).run(id, NOW)
    const before = db.prepare('SELECT * FROM pairs').get() as Record<string, unknown>
    migrateAll(db)
    const after = db.prepare('SELECT * FROM pairs').get() as Record<string, unknown>
    const { chosen_text: _c, rejected_text: _r, ...kept } = before
    expect(after).toEqual(kept)
    expect(db.prepare('SELECT COUNT(*) AS n FROM pair_tags').get()).toEqual({ n: 1 })
    expect(db.prepare('SELECT COUNT(*) AS n FROM pair_events').get()).toEqual({ n: 1 })
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pairs' AND sql IS NOT NULL ORDER BY name"
      )
      .pluck()
      .all()
    expect(indexes).toEqual([
      'pairs_created',
      'pairs_delta_tokens',
      'pairs_edit_distance',
      'pairs_facets',
      'pairs_judge_score',
      'pairs_rejected_response',
      'pairs_run',
      'pairs_sample',
      'pairs_updated'
    ])
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('indexes a pair when its texts arrive and follows edits, questions and deletes', () => {
    const db = dbAt(6)
    const id = insertPair(db)
    expect(hits(db, 'red')).toEqual([id])
    db.prepare("UPDATE pairs SET chosen_edit = 'A crimson sedan' WHERE id = ?").run(id)
    expect(hits(db, 'crimson')).toEqual([id])
    expect(hits(db, 'red')).toEqual([])
    db.prepare('UPDATE pairs SET chosen_edit = NULL WHERE id = ?').run(id)
    expect(hits(db, 'red')).toEqual([id])
    db.prepare("UPDATE pair_texts SET rejected_text = 'A green bus' WHERE pair_id = ?").run(id)
    expect(hits(db, 'bus')).toEqual([id])
    expect(hits(db, 'truck')).toEqual([])
    db.prepare("UPDATE samples SET question = 'Where is the zebra?' WHERE id = 1").run()
    expect(hits(db, 'zebra')).toEqual([id])
    expect(hits(db, 'bus')).toEqual([id])
    db.prepare('DELETE FROM pairs WHERE id = ?').run(id)
    expect(hits(db, 'zebra')).toEqual([])
    expect(db.prepare('SELECT COUNT(*) AS n FROM pair_texts').get()).toEqual({ n: 0 })
    expect(() =>
      db.prepare("INSERT INTO pairs_fts (pairs_fts) VALUES ('integrity-check')").run()
    ).not.toThrow()
  })

  it('refuses texts for a pair that does not exist', () => {
    const db = dbAt(6)
    expect(() =>
      db
        .prepare(
          "INSERT INTO pair_texts (pair_id, chosen_text, rejected_text) VALUES (99, 'a', 'b')"
        )
        .run()
    ).toThrow(/FOREIGN KEY/)
  })
})
