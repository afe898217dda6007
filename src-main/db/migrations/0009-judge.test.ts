import { describe, expect, it } from 'vitest'

import { NOW, dbAt, insertPair, migrateAll } from './migration-fixtures'

describe('migration 0009 judge', () => {
  it('keeps one judgement per pair, bounded scores, deleted with its pair', () => {
    const db = dbAt(8)
    const pairId = insertPair(db)
    migrateAll(db)
    const insert = db.prepare(
      `INSERT INTO pair_judgements (pair_id, model, chosen_first, rejected_first, score, reversed, judged_at)
       VALUES (?, 'm', ?, ?, ?, ?, ?)`
    )
    insert.run(pairId, 0.8, 0.4, 0.7, 0, NOW)
    expect(() => insert.run(pairId, 0.8, 0.4, 0.7, 0, NOW)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => db.prepare(`UPDATE pair_judgements SET chosen_first = 1.5`).run()).toThrow(
      /CHECK constraint/
    )
    db.prepare('DELETE FROM pairs WHERE id = ?').run(pairId)
    expect(db.prepare('SELECT COUNT(*) FROM pair_judgements').pluck().get()).toBe(0)
  })

  it('stores rankings with their images and image pairs, and refuses a self-pair', () => {
    const db = dbAt(9)
    const image = db.prepare(
      `INSERT INTO images (sha256, width, height, format, bytes, created_at) VALUES (?, 4, 4, 'png', 10, ?)`
    )
    const a = Number(image.run('a'.repeat(64), NOW).lastInsertRowid)
    const b = Number(image.run('b'.repeat(64), NOW).lastInsertRowid)
    const ranking = Number(
      db
        .prepare(
          `INSERT INTO rankings (prompt_key, prompt, model, comparisons, wins, created_at)
           VALUES ('k', 'a cat', 'm', 2, '[[0,1],[0,0]]', ?)`
        )
        .run(NOW).lastInsertRowid
    )
    const pair = db.prepare(
      `INSERT INTO image_pairs (ranking_id, prompt, chosen_image_id, rejected_image_id, margin, created_at)
       VALUES (?, 'a cat', ?, ?, 0.4, ?)`
    )
    pair.run(ranking, a, b, NOW)
    expect(() => pair.run(ranking, a, a, NOW)).toThrow(/CHECK constraint/)
    db.prepare('DELETE FROM rankings WHERE id = ?').run(ranking)
    expect(db.prepare('SELECT COUNT(*) FROM image_pairs').pluck().get()).toBe(0)
    expect(() =>
      db
        .prepare(
          `INSERT INTO eval_reports (format, test_file, model, report, created_at) VALUES ('pickscore', 'x', 'm', '{}', ?)`
        )
        .run(NOW)
    ).toThrow(/CHECK constraint/)
  })
})
