import { migrate } from '../migrate'
import { openDatabase } from '../open-database'
import type { Db } from '../open-database'
import { migrations } from './index'

export const NOW = '2026-01-01T00:00:00Z'

/** A database migrated up to and including `version`. */
export function dbAt(version: number): Db {
  const db = openDatabase(':memory:')
  migrate(
    db,
    migrations.filter((m) => m.version <= version)
  )
  return db
}

/** Migrates `db` to the latest version. */
export function migrateAll(db: Db): void {
  migrate(db, migrations)
}

/** One sample (id 1) and one pair on it; returns the pair id. */
export function insertPair(
  db: Db,
  fields: Partial<Record<string, string | number | null>> = {},
  question = 'What color is the car?'
): number {
  db.prepare(
    `INSERT OR IGNORE INTO samples (id, question, dedupe_key, created_at) VALUES (1, ?, 'k1', ?)`
  ).run(question, NOW)
  const row: Record<string, string | number | null> = {
    sample_id: 1,
    origin: 'visual-delta',
    chosen_text: 'A red car',
    rejected_text: 'A blue truck parked outside',
    tier: 1,
    created_at: NOW,
    updated_at: NOW,
    ...fields
  }
  // From migration 0006 on, the generated texts live in `pair_texts`.
  const split = !(db.pragma('table_info(pairs)') as Array<{ name: string }>).some(
    (c) => c.name === 'chosen_text'
  )
  const { chosen_text: chosen, rejected_text: rejected, ...rest } = row
  const columns = split ? rest : row
  const keys = Object.keys(columns)
  const info = db
    .prepare(
      `INSERT INTO pairs (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`
    )
    .run(columns)
  const id = Number(info.lastInsertRowid)
  if (split) {
    db.prepare('INSERT INTO pair_texts (pair_id, chosen_text, rejected_text) VALUES (?, ?, ?)').run(
      id,
      chosen,
      rejected
    )
  }
  return id
}
