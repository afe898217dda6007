import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { ensureProjectRow } from '../../store/project-repo'

import { RpcError } from '../../../src-shared/rpc/errors'
import { migrate } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { openDatabase } from '../../db/open-database'
import type { Db } from '../../db/open-database'

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
 * existing folder with no project in it. Migrations run on every open.
 */
export function openProjectFolder(
  rawDir: string,
  options: { create: 'never' | 'if-missing' | 'must'; name?: string }
): ProjectHandle {
  const dir = resolve(rawDir)
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
  mkdirSync(join(dir, MEDIA_DIR), { recursive: true })
  const db = openDatabase(join(dir, DB_FILE))
  try {
    migrate(db, migrations)
    const row = ensureProjectRow(db, options.name ?? basename(dir))
    return { dir, name: row.name, createdAt: row.createdAt, mediaDir: join(dir, MEDIA_DIR), db }
  } catch (error) {
    db.close()
    throw error
  }
}
