import type { Db } from '../db/open-database'
import type { Statement } from './write-tx'

type Statements = { readonly lookup: Statement; readonly insert: Statement }

/** Prepared once per connection: ingest calls these once per image. */
const prepared = new WeakMap<Db, Statements>()

function statementsOf(db: Db): Statements {
  let statements = prepared.get(db)
  if (!statements) {
    statements = {
      lookup: db.prepare<unknown[], unknown>('SELECT 1 FROM decoded_media WHERE sha256 = ?'),
      insert: db.prepare<unknown[], unknown>(
        'INSERT INTO decoded_media (sha256, checked_at) VALUES (?, ?) ON CONFLICT DO NOTHING'
      )
    }
    prepared.set(db, statements)
  }
  return statements
}

/** Whether content with this SHA-256 is known to decode in full (`decoded_media`, migration 0007). */
export function isDecoded(db: Db, sha256: string): boolean {
  return statementsOf(db).lookup.get(sha256) !== undefined
}

/** Notes that content with this SHA-256 decoded in full (see `decodeInFull`). */
export function rememberDecoded(db: Db, sha256: string): void {
  statementsOf(db).insert.run(sha256, new Date().toISOString())
}
