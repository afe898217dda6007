import { describe, expect, it } from 'vitest'

import { migrate } from '../migrate'
import { openDatabase } from '../open-database'
import { migration0001 } from './0001-project'
import { migration0002 } from './0002-core'

const now = '2026-01-01T00:00:00Z'

function freshDb() {
  const db = openDatabase(':memory:')
  migrate(db, [migration0001, migration0002])
  return db
}

describe('migration 0002 core', () => {
  it('keeps one response per run × sample × variant', () => {
    const db = freshDb()
    db.prepare(
      "INSERT INTO samples (id, question, dedupe_key, created_at) VALUES (1, 'q', 'k', ?)"
    ).run(now)
    db.prepare("INSERT INTO runs (id, model, params, created_at) VALUES (1, 'm', '{}', ?)").run(now)
    const insert = db.prepare(
      "INSERT INTO responses (run_id, sample_id, variant_key, text, created_at) VALUES (1, 1, ?, 'a', ?)"
    )
    insert.run('hq', now)
    insert.run('jpeg:20', now)
    expect(() => insert.run('hq', now)).toThrow(/UNIQUE/)
  })

  it('computes a variant once per source and recipe, and ties derived fields together', () => {
    const db = freshDb()
    const insert = db.prepare(
      `INSERT INTO images (sha256, width, height, format, bytes, source_id, recipe_key, created_at)
       VALUES (?, 8, 8, 'png', 10, ?, ?, ?)`
    )
    insert.run('a'.repeat(64), null, null, now)
    insert.run('b'.repeat(64), 1, 'jpeg:20', now)
    expect(() => insert.run('c'.repeat(64), 1, 'jpeg:20', now)).toThrow(/UNIQUE/)
    expect(() => insert.run('d'.repeat(64), 1, null, now)).toThrow(/CHECK/)
    expect(() => insert.run('a'.repeat(64), null, null, now)).toThrow(/UNIQUE/)
  })

  it('refuses out-of-range tiers, statuses and judge scores', () => {
    const db = freshDb()
    db.prepare(
      "INSERT INTO samples (id, question, dedupe_key, created_at) VALUES (1, 'q', 'k', ?)"
    ).run(now)
    const pair = (tier: number, status: string, judge: number | null) =>
      db
        .prepare(
          `INSERT INTO pairs (sample_id, origin, chosen_text, rejected_text, tier, status, judge_score, created_at, updated_at)
           VALUES (1, 'manual', 'a', 'b', ?, ?, ?, ?, ?)`
        )
        .run(tier, status, judge, now, now)
    expect(() => pair(4, 'pending', null)).toThrow(/CHECK/)
    expect(() => pair(1, 'maybe', null)).toThrow(/CHECK/)
    expect(() => pair(1, 'pending', 1.5)).toThrow(/CHECK/)
    expect(pair(2, 'accepted', 0.7).changes).toBe(1)
  })
})
