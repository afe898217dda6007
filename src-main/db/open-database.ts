import Database from 'better-sqlite3'

export type Db = Database.Database

/**
 * Opens (or creates) a project database with the pragmas every connection needs:
 * WAL so readers never block the writer, foreign keys on, and a busy timeout long enough
 * that a job's write transaction never surfaces SQLITE_BUSY to a UI read.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false })
  db.pragma('busy_timeout = 10000')
  if (!options.readonly) db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  // NORMAL is durable in WAL mode across application crashes; only an OS crash can lose the
  // last transactions, never corrupt the file.
  db.pragma('synchronous = NORMAL')
  return db
}
