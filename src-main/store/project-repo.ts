import type { Db } from '../db/open-database'

/** The project's one row of identity: its name and when it was created. */
export type ProjectRow = { readonly name: string; readonly createdAt: string }

/** Records the project's identity on first open (`name` then) and returns what is stored. */
export function ensureProjectRow(db: Db, name: string): ProjectRow {
  db.prepare('INSERT OR IGNORE INTO project (id, name, created_at) VALUES (1, ?, ?)').run(
    name,
    new Date().toISOString()
  )
  const row = db.prepare('SELECT name, created_at FROM project WHERE id = 1').get() as {
    name: string
    created_at: string
  }
  return { name: row.name, createdAt: row.created_at }
}

/** Row counts of the project's main tables. */
export function tableCounts(db: Db): { samples: number; responses: number; pairs: number } {
  return db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM samples) AS samples, (SELECT COUNT(*) FROM responses) AS responses,
              (SELECT COUNT(*) FROM pairs) AS pairs`
    )
    .get() as { samples: number; responses: number; pairs: number }
}
