import type { Db } from '../db/open-database'
import type { Statement } from './write-tx'

const statements = new WeakMap<Db, Statement>()

/**
 * Writes a new pair's generated texts (migration 0006 keeps them beside `pairs`, not in it).
 * Call it in the transaction that inserted the pair row: a pair without texts is invisible to
 * every reader, which joins `pair_texts`.
 */
export function insertPairTexts(db: Db, pairId: number, chosen: string, rejected: string): void {
  let statement = statements.get(db)
  if (!statement) {
    statement = db.prepare<unknown[], unknown>(
      'INSERT INTO pair_texts (pair_id, chosen_text, rejected_text) VALUES (?, ?, ?)'
    )
    statements.set(db, statement)
  }
  statement.run(pairId, chosen, rejected)
}
