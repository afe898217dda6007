import { accessSync, constants, existsSync } from 'node:fs'
import { dirname } from 'node:path'

import { DatabaseOpenError, checkDatabaseFile, describeSqliteFailure } from './database-file-check'
import { MigrationError, isUpToDate, migrate, refuseNewerSchema } from './migrate'
import type { Migration } from './migrate'
import { openDatabase } from './open-database'
import type { Db } from './open-database'

/** A project whose database this process may not write; `write` access refuses to open it. */
export class ReadOnlyDatabaseError extends DatabaseOpenError {
  override name = 'ReadOnlyDatabaseError'
}

/**
 * Opens a project's database for `access`:
 * - `write` (the default) migrates it; a file or folder this process cannot write is refused up
 *   front (ReadOnlyDatabaseError), instead of SQLite opening it read-only behind our back and
 *   failing later with "attempt to write a readonly database".
 * - `read` opens it read-only and changes nothing, so a read-only project can still be read; it
 *   must already be at this build's schema (an upgrade needs write access).
 * Either way a database from a newer schema is refused, and a file that is damaged, empty, cut
 * short, not SQLite or a folder gets one DatabaseOpenError that says why in plain words.
 */
export function openProjectDatabase(
  file: string,
  migrations: readonly Migration[],
  access: 'read' | 'write' = 'write'
): Db {
  if (existsSync(file)) {
    checkDatabaseFile(file)
    if (access === 'write' && !writable(file)) {
      throw new ReadOnlyDatabaseError(`${basenameOf(file)} cannot be written`)
    }
  } else if (access === 'read') {
    throw new DatabaseOpenError(`${basenameOf(file)} does not exist`)
  }
  if (access === 'write' && !writable(dirname(file))) {
    throw new ReadOnlyDatabaseError(`its folder cannot be written`)
  }
  let db: Db | undefined
  try {
    db = openDatabase(file, { readonly: access === 'read' })
    if (access === 'write') migrate(db, migrations)
    else {
      refuseNewerSchema(db, migrations)
      if (!isUpToDate(db, migrations)) {
        throw new DatabaseOpenError(
          `${basenameOf(file)} is from an older Delta Studio and needs an upgrade, which needs ` +
            `write access; open it once where it can be written`
        )
      }
    }
    return db
  } catch (error) {
    db?.close()
    if (error instanceof DatabaseOpenError || error instanceof MigrationError) throw error
    throw describeSqliteFailure(file, error)
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

function basenameOf(file: string): string {
  return file.split(/[\\/]/).at(-1) ?? file
}
