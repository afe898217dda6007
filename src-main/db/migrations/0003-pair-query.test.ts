import { describe, expect, it } from 'vitest'

import { EFF } from '../../store/pair-columns'
import { dbAt, insertPair, migrateAll } from './migration-fixtures'

const plan = (db: ReturnType<typeof dbAt>, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
    .map((p) => p.detail)
    .join('\n')

describe('migration 0003 pair-query', () => {
  it('keeps existing pairs and gives them the default tier source', () => {
    const db = dbAt(2)
    const id = insertPair(db, { delta_tokens: 5 })
    migrateAll(db)
    expect(db.prepare('SELECT tier_source FROM pairs WHERE id = ?').get(id)).toEqual({
      tier_source: 'auto'
    })
  })

  it('refuses an unknown tier source', () => {
    const db = dbAt(3)
    expect(() => insertPair(db, { tier_source: 'robot' })).toThrow(/CHECK/)
  })

  it('answers filtered counts from the covering facet index, shown-after-swap values included', () => {
    const db = dbAt(3)
    const sql = `SELECT COUNT(*) FROM pairs p WHERE p.status = 'pending'
      AND ${EFF.judgeScore} >= 0.5 AND ${EFF.chosenCorrect} = 1 AND ${EFF.hasNote} = 0
      AND ${EFF.edited} = 1 AND ${EFF.deltaTokens} > 3`
    expect(plan(db, sql)).toMatch(/COVERING INDEX pairs_facets/)
  })

  it('walks the shown judge score and length delta in index order', () => {
    const db = dbAt(3)
    for (const expr of [EFF.judgeScore, EFF.deltaTokens]) {
      const sql = `SELECT p.id FROM pairs p WHERE ${expr} IS NOT NULL AND ${expr} <= 1
        AND (${expr} < 1 OR p.id < 9) ORDER BY ${expr} DESC, p.id DESC LIMIT 50`
      const detail = plan(db, sql)
      expect(detail).toMatch(/INDEX pairs_(judge_score|delta_tokens)/)
      expect(detail).not.toMatch(/TEMP B-TREE/)
    }
  })
})
