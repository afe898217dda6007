import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'

/** A project database that cannot be opened; the message says why in plain words. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError'
}

const SQLITE_MAGIC = 'SQLite format 3\0'

/**
 * Checks an existing database file before SQLite opens it, so the common ways a project file
 * goes bad get a reason a person understands: a folder in its place, an empty file, a file that
 * is not SQLite, or one cut short (its header counts more pages than the file holds).
 * @throws DatabaseOpenError naming the file and the reason.
 */
export function checkDatabaseFile(file: string): void {
  const name = basename(file)
  const info = statSync(file)
  if (info.isDirectory()) throw new DatabaseOpenError(`${name} is a folder, not a database file`)
  if (!info.isFile()) throw new DatabaseOpenError(`${name} is not a regular file`)
  if (info.size === 0) {
    throw new DatabaseOpenError(`${name} is empty (0 bytes): the project's data is gone`)
  }
  const header = Buffer.alloc(100)
  const handle = openSync(file, 'r')
  let read: number
  try {
    read = readSync(handle, header, 0, 100, 0)
  } finally {
    closeSync(handle)
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new DatabaseOpenError(`${name} is not a SQLite database (its header is not SQLite's)`)
  }
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  const pages = header.readUInt32BE(28)
  // The page count is trustworthy only when it was written by the same change as the counter
  // (offsets 92 and 24 agree); older writers left it stale.
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24)
  if (countValid && pages > 0 && info.size < pages * pageSize) {
    throw new DatabaseOpenError(
      `${name} is truncated: ${info.size} bytes where its header records ${pages * pageSize}`
    )
  }
}

/** SQLite's error for a file it cannot use, in plain words with SQLite's own after them. */
export function describeSqliteFailure(file: string, error: unknown): DatabaseOpenError {
  const name = basename(file)
  const code = (error as { code?: string }).code ?? ''
  const words = error instanceof Error ? error.message : String(error)
  const reason = code.startsWith('SQLITE_NOTADB')
    ? `${name} is not a SQLite database`
    : code.startsWith('SQLITE_CORRUPT')
      ? `${name} is damaged`
      : code.startsWith('SQLITE_CANTOPEN')
        ? `${name} cannot be opened (missing, unreadable, or its folder is not writable)`
        : code.startsWith('SQLITE_READONLY')
          ? `${name} cannot be written`
          : code.startsWith('SQLITE_FULL')
            ? `the disk holding ${name} is full`
            : `${name} could not be opened`
  return new DatabaseOpenError(`${reason} (SQLite: ${words})`, { cause: error })
}
