import type { Db } from '../db/open-database'
import { SHOWN_TEXT } from './pair-columns'
import { insertPairTexts } from './pair-texts'

/**
 * Adds an imported pair to a sample unless the sample already holds a pair showing the same
 * answers (compared as shown: edits and swap applied, as an export wrote them), so importing a
 * dataset twice adds nothing. `tier` null takes the sample's. Returns whether it was added. Run
 * inside the caller's transaction, with the sample.
 */
export function insertImportedPair(
  db: Db,
  pair: {
    sampleId: number
    status: 'pending' | 'accepted'
    tier: number | null
    chosen: string
    rejected: string
  }
): boolean {
  const existing = db
    .prepare(
      `SELECT 1 FROM pairs p JOIN pair_texts t ON t.pair_id = p.id WHERE p.sample_id = ?
          AND ${SHOWN_TEXT.chosen} = ? AND ${SHOWN_TEXT.rejected} = ?`
    )
    .get(pair.sampleId, pair.chosen, pair.rejected)
  if (existing) return false
  const sample = db.prepare('SELECT tier FROM samples WHERE id = ?').get(pair.sampleId) as {
    tier: number
  }
  const now = new Date().toISOString()
  const inserted = db
    .prepare(
      `INSERT INTO pairs (sample_id, origin, status, tier, created_at, updated_at)
       VALUES (?, 'import', ?, ?, ?, ?)`
    )
    .run(pair.sampleId, pair.status, pair.tier ?? sample.tier, now, now)
  insertPairTexts(db, Number(inserted.lastInsertRowid), pair.chosen, pair.rejected)
  return true
}
