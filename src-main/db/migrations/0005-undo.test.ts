import { describe, expect, it } from 'vitest'

import { NOW, dbAt } from './migration-fixtures'

describe('migration 0005 undo', () => {
  it('gives only change batches an undo state', () => {
    const db = dbAt(5)
    const insert = db.prepare(
      `INSERT INTO pair_batches (id, kind, action, target, state, pair_count, actor, at)
       VALUES (?, ?, 'accept', ?, ?, 1, 'user', ?)`
    )
    insert.run('b1', 'change', null, 'applied', NOW)
    insert.run('u1', 'undo', 'b1', null, NOW)
    expect(() => insert.run('b2', 'change', null, null, NOW)).toThrow(/CHECK/)
    expect(() => insert.run('u2', 'undo', 'b1', 'applied', NOW)).toThrow(/CHECK/)
    expect(() => insert.run('b3', 'change', null, 'maybe', NOW)).toThrow(/CHECK/)
    expect(() => insert.run('b1', 'change', null, 'applied', NOW)).toThrow(/UNIQUE/)
  })

  it('keeps batches in creation order', () => {
    const db = dbAt(5)
    for (const id of ['x', 'a', 'm']) {
      db.prepare(
        `INSERT INTO pair_batches (id, kind, action, state, pair_count, actor, at)
         VALUES (?, 'change', 'accept', 'applied', 1, 'user', ?)`
      ).run(id, NOW)
    }
    const ids = db.prepare('SELECT id FROM pair_batches ORDER BY seq').pluck().all()
    expect(ids).toEqual(['x', 'a', 'm'])
  })
})
