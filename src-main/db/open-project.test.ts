import { execFileSync } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { DB_FILE, openProjectFolder } from '../services/project/project-folder'
import { projectStats } from '../store/project-stats'
import { storeFor } from '../store/store'
import { seedSynthetic } from '../store/test-support/synthetic'

const root = mkdtempSync(join(tmpdir(), 'open-project-'))
const locked: string[] = []
afterAll(() => {
  for (const path of locked) unlock(path)
  rmSync(root, { recursive: true, force: true })
})

let count = 0
function project(samples = 0): string {
  const dir = join(root, `p${count++}`)
  const handle = openProjectFolder(dir, { create: 'must' })
  if (samples > 0) seedSynthetic(storeFor(handle.db), { samples, seed: 1 })
  handle.db.pragma('wal_checkpoint(TRUNCATE)')
  handle.db.close()
  return dir
}

/**
 * Makes a file unwritable for this process, even as root (where permission bits do not apply):
 * the immutable attribute where chattr works, else permission bits. False when neither does.
 */
function lock(path: string): boolean {
  try {
    if (process.getuid?.() === 0) execFileSync('chattr', ['+i', path], { stdio: 'ignore' })
    else chmodSync(path, 0o444)
  } catch {
    return false
  }
  locked.push(path)
  try {
    accessSync(path, constants.W_OK)
    return false
  } catch {
    return true
  }
}

function unlock(path: string): void {
  if (process.getuid?.() === 0) execFileSync('chattr', ['-i', path], { stdio: 'ignore' })
  else chmodSync(path, 0o644)
}

describe('opening a project database', () => {
  it('refuses a database written by a newer schema', () => {
    const dir = project()
    const handle = openProjectFolder(dir, { create: 'never' })
    handle.db
      .prepare(
        "INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (99, 'future', 'x', 'now')"
      )
      .run()
    handle.db.close()
    expect(() => openProjectFolder(dir, { create: 'never' })).toThrow(
      /this project was written by a newer Delta Studio \(schema 99\)/
    )
    expect(() => openProjectFolder(dir, { create: 'never', access: 'read' })).toThrow(
      /newer Delta Studio \(schema 99\)/
    )
  })

  it.each([
    [
      'a text file',
      (file: string) => writeFileSync(file, 'hello, not a database at all\n'.repeat(10)),
      /is not a SQLite database/
    ],
    ['an empty file', (file: string) => writeFileSync(file, ''), /is empty \(0 bytes\)/],
    [
      'a folder',
      (file: string) => {
        rmSync(file)
        mkdirSync(file)
      },
      /is a folder, not a database file/
    ],
    [
      'a truncated database',
      (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2 / 4096) * 4096 + 100),
      /is truncated/
    ],
    [
      'a damaged header',
      (file: string) => {
        const bytes = readFileSync(file)
        bytes.fill(0x41, 0, 16)
        writeFileSync(file, bytes)
      },
      /is not a SQLite database/
    ]
  ])('says plainly that %s cannot be opened as a project', (_what, spoil, reason) => {
    const dir = project(30)
    const file = join(dir, DB_FILE)
    rmSync(`${file}-wal`, { force: true })
    rmSync(`${file}-shm`, { force: true })
    spoil(file)
    let message = ''
    try {
      openProjectFolder(dir, { create: 'never' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(new RegExp(`^Cannot open the project in ${dir}: ${DB_FILE} `))
    expect(message).toMatch(reason)
  })

  it('reads a read-only project, and says plainly when a write is refused', (ctx) => {
    const dir = project(20)
    const file = join(dir, DB_FILE)
    if (!lock(file)) ctx.skip()
    const reader = openProjectFolder(dir, { create: 'never', access: 'read' })
    expect(projectStats(reader.db)).toMatchObject({ samples: 20 })
    reader.db.close()
    expect(() => openProjectFolder(dir, { create: 'never' })).toThrow(
      new RegExp(`The project in ${dir} is read-only \\(${DB_FILE} cannot be written\\)`)
    )
  })
})
