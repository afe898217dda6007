import { createHash } from 'node:crypto'

import type { Db } from './open-database'

export type Migration = {
  /** Sequence number; applied in ascending order, each exactly once. */
  readonly version: number
  readonly name: string
  readonly sql: string
  /**
   * Runs with foreign keys off, for a migration that rebuilds a table others reference (SQLite's
   * documented table-rebuild procedure: with them on, `DROP TABLE` would cascade-delete the
   * referencing rows). Every reference is checked before the migration commits.
   */
  readonly rebuildsTables?: true
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export function migrationHash(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex')
}

/**
 * Refuses a database that already holds migrations this build does not know: it was written by
 * a newer version, whose tables this one would misread or damage.
 * @throws MigrationError naming the schema version.
 */
export function refuseNewerSchema(db: Db, migrations: readonly Migration[]): void {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get()
  if (!hasTable) return
  const newest = (
    db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
      v: number | null
    }
  ).v
  const known = Math.max(0, ...migrations.map((m) => m.version))
  if (newest !== null && newest > known) {
    throw new MigrationError(
      `this project was written by a newer Delta Studio (schema ${newest}); this version ` +
        `knows schema ${known} at most. Open it with a newer Delta Studio.`
    )
  }
}

/** True when every migration in `migrations` is already applied (a read-only open needs it). */
export function isUpToDate(db: Db, migrations: readonly Migration[]): boolean {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get()
  if (!hasTable) return migrations.length === 0
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]
  )
  return migrations.every((m) => applied.has(m.version))
}

/**
 * Applies pending migrations in one transaction each. An applied migration whose SQL changed
 * since is refused: editing history would leave databases that differ silently.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  refuseNewerSchema(db, migrations)
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`)
  const applied = new Map(
    db
      .prepare('SELECT version, sha256 FROM schema_migrations')
      .all()
      .map((row) => {
        const r = row as { version: number; sha256: string }
        return [r.version, r.sha256] as const
      })
  )
  const sorted = [...migrations].sort((a, b) => a.version - b.version)
  const ran: number[] = []
  for (const migration of sorted) {
    const hash = migrationHash(migration)
    const known = applied.get(migration.version)
    if (known !== undefined) {
      if (known !== hash) {
        throw new MigrationError(
          `Migration ${migration.version} (${migration.name}) was edited after it was applied`
        )
      }
      continue
    }
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
    // The pragma is a no-op inside a transaction, so it is switched around it.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(migration.sql)
        if (migration.rebuildsTables) refuseBrokenReferences(db, migration)
        db.prepare(
          'INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)'
        ).run(migration.version, migration.name, hash, new Date().toISOString())
      })()
    } finally {
      db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
    }
    ran.push(migration.version)
  }
  return ran
}

function refuseBrokenReferences(db: Db, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number }>
  if (broken.length > 0) {
    const first = broken[0] as { table: string; rowid: number }
    throw new MigrationError(
      `Migration ${migration.version} (${migration.name}) left ${broken.length} broken ` +
        `references, first in ${first.table} row ${first.rowid}`
    )
  }
}
