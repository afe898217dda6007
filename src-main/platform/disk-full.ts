import { rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Codes by which the file system and SQLite say the disk (or quota) is full. */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL'])

/** True when `error` (or an error it wraps) says the disk is full. */
export function isDiskFull(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (FULL_CODES.has(String((e as NodeJS.ErrnoException).code))) return true
  }
  return false
}

/**
 * A job stopped because the disk is full: not the fault of the item it was on, so the job
 * fails as a whole (with what it was writing), and resumes once space exists.
 */
export class DiskFullError extends Error {
  override name = 'DiskFullError'
  /** What was being written, e.g. 'while storing image "a.png"'. */
  readonly what: string
  constructor(what: string, cause?: unknown) {
    super(`no space left on device ${what}`, { cause })
    this.what = what
  }
}

/** Space set aside in a project folder so that a job can still record why it failed. */
const RESERVE_FILE = '.space-reserve'
const RESERVE_BYTES = 512 * 1024

/**
 * Sets aside a small file in `dir` (once), to be given up by `releaseSpaceReserve` when the
 * disk fills: SQLite needs free blocks to write even the one row that says a job failed for
 * lack of space. Best effort: without room for it, nothing happens.
 */
export function ensureSpaceReserve(dir: string): void {
  const file = join(dir, RESERVE_FILE)
  try {
    if (statSync(file).size === RESERVE_BYTES) return
  } catch {
    // Not there yet.
  }
  try {
    writeFileSync(file, Buffer.alloc(RESERVE_BYTES))
  } catch {
    rmSync(file, { force: true })
  }
}

/** Frees the space `ensureSpaceReserve` set aside; true when there was some to free. */
export function releaseSpaceReserve(dir: string): boolean {
  const file = join(dir, RESERVE_FILE)
  try {
    statSync(file)
  } catch {
    return false
  }
  rmSync(file, { force: true })
  return true
}
