import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'

import { RpcError } from '../../../src-shared/rpc/errors'
import { DatabaseOpenError } from '../../db/database-file-check'
import { MigrationError } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { ReadOnlyDatabaseError, openProjectDatabase } from '../../db/open-project-database'
import { cleanDeadTemporaries } from '../../media/media-temp'
import { ensureSpaceReserve } from '../../platform/disk-full'
import type { Db } from '../../db/open-database'
import { ensureProjectRow, readProjectRow } from '../../store/project-repo'

export const DB_FILE = 'studio.db'
export const MEDIA_DIR = 'media'

/** An open project: its folder, its database and where its media live. */
export type ProjectHandle = {
  readonly dir: string
  readonly name: string
  readonly createdAt: string
  readonly mediaDir: string
  readonly db: Db
}

export function isProjectFolder(dir: string): boolean {
  return existsSync(join(dir, DB_FILE))
}

/**
 * Opens the project in `dir`, creating it first when `create` allows: a missing folder, or an
 * existing folder with no project in it. With `access: 'write'` (the default) migrations run on
 * every open and temporaries of dead jobs are removed; `access: 'read'` changes nothing, for
 * commands that only read (a read-only project can still be read).
 * @throws RpcError NOT_FOUND without a project, CONFLICT when the project cannot be opened (a
 *   newer schema, a damaged or missing database, a read-only project opened for writing), with
 *   a message that says why.
 */
export function openProjectFolder(
  rawDir: string,
  options: { create: 'never' | 'if-missing' | 'must'; name?: string; access?: 'read' | 'write' }
): ProjectHandle {
  const dir = resolve(rawDir)
  const access = options.access ?? 'write'
  const exists = isProjectFolder(dir)
  if (!exists && options.create === 'never') {
    throw new RpcError('NOT_FOUND', `No Delta Studio project in ${dir} (missing ${DB_FILE})`)
  }
  if (exists && options.create === 'must') {
    throw new RpcError('CONFLICT', `${dir} already holds a project`)
  }
  if (!exists && existsSync(dir) && options.create === 'must' && readdirSync(dir).length > 0) {
    throw new RpcError('CONFLICT', `${dir} is not empty; choose a new or empty folder`)
  }
  if (access === 'write') mkdirSync(join(dir, MEDIA_DIR), { recursive: true })
  const db = openOrExplain(dir, access)
  try {
    if (access === 'write') {
      // A job killed between writing a media file and renaming it left its temporary behind.
      cleanDeadTemporaries(join(dir, MEDIA_DIR))
      ensureSpaceReserve(dir)
      ensureProjectRow(db, options.name ?? basename(dir))
    }
    const row = readProjectRow(db)
    return {
      dir,
      name: row?.name ?? basename(dir),
      createdAt: row?.createdAt ?? '',
      mediaDir: join(dir, MEDIA_DIR),
      db
    }
  } catch (error) {
    db.close()
    throw error
  }
}

function openOrExplain(dir: string, access: 'read' | 'write'): Db {
  try {
    return openProjectDatabase(join(dir, DB_FILE), migrations, access)
  } catch (error) {
    if (error instanceof ReadOnlyDatabaseError) {
      throw new RpcError(
        'CONFLICT',
        `The project in ${dir} is read-only (${error.message}): this needs to write to it. ` +
          'Make the folder writable, or use a command that only reads it (stats).'
      )
    }
    if (error instanceof DatabaseOpenError || error instanceof MigrationError) {
      throw new RpcError('CONFLICT', `Cannot open the project in ${dir}: ${error.message}`)
    }
    throw error
  }
}
