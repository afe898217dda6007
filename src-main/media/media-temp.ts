import { randomBytes } from 'node:crypto'
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** A temporary of a process still alive is left alone unless it is older than this (pid reuse). */
const LIVE_OWNER_MAX_AGE_MS = 24 * 60 * 60 * 1000
/** A temporary whose name carries no owner (older builds) is removed past this age. */
const UNOWNED_MAX_AGE_MS = 60 * 60 * 1000

/**
 * The temporary name a file is written under inside a project's media folder before it is
 * renamed to `target`. It carries the writer's process id, so a project opening later can tell
 * the leftovers of a killed job (`kill -9` between write and rename) from a live writer's.
 */
export function mediaTempPath(target: string): string {
  return `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`
}

function ownerPid(name: string): number | null {
  const match = /\.(\d+)-[0-9a-f]+\.tmp$/.exec(name)
  return match ? Number(match[1]) : null
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the temporaries that dead writers left in a media folder (its fan-out folders,
 * `thumbs/` and `incoming/`): those whose owner process is gone, and unowned or very old ones.
 * A live writer's temporary stays. Returns the paths removed.
 */
export function cleanDeadTemporaries(mediaDir: string, now = Date.now()): string[] {
  const removed: string[] = []
  const visit = (dir: string, depth: number): void => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (depth < 2) visit(path, depth + 1)
        continue
      }
      if (!entry.name.endsWith('.tmp')) continue
      const pid = ownerPid(entry.name)
      let age: number
      try {
        age = now - statSync(path).mtimeMs
      } catch {
        continue
      }
      const dead =
        pid === null
          ? age > UNOWNED_MAX_AGE_MS
          : pid !== process.pid && (!isAlive(pid) || age > LIVE_OWNER_MAX_AGE_MS)
      if (dead) {
        rmSync(path, { force: true })
        removed.push(path)
      }
    }
  }
  visit(mediaDir, 0)
  return removed
}
