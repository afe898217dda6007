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
  // A 100k-pair project is several hundred MB: a 64 MiB page cache and memory-mapped reads keep
  // pages and facet scans off the read() path; temp B-trees (sorts, IN lists) stay in memory.
  db.pragma('cache_size = -65536')
  db.pragma('mmap_size = 268435456')
  db.pragma('temp_store = MEMORY')
  return db
}

/** After a bulk load: refresh the planner's statistics and fold the WAL into the database file. */
export function optimizeAfterBulkLoad(db: Db): void {
  db.pragma('optimize')
  db.pragma('wal_checkpoint(TRUNCATE)')
}
