import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { openProjectFolder } from '../services/project/project-folder'

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('temporaries of dead jobs', () => {
  it('are removed when the project opens; a live writer keeps its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-temps-'))
    openProjectFolder(dir, { create: 'must' }).db.close()
    const fan = join(dir, 'media', 'ab')
    const thumbs = join(dir, 'media', 'thumbs', 'cd')
    mkdirSync(fan, { recursive: true })
    mkdirSync(thumbs, { recursive: true })
    const dead = join(fan, `${'ab'.repeat(32)}.${deadPid()}-0a1b2c.tmp`)
    const deadThumb = join(thumbs, `${'cd'.repeat(32)}.webp.${deadPid()}-0a1b2c.tmp`)
    const live = join(fan, `${'ab'.repeat(32)}.${process.pid}-0a1b2c.tmp`)
    const oldUnowned = join(fan, `${'ab'.repeat(32)}.0a1b2c3d4e5f.tmp`)
    const freshUnowned = join(fan, `${'ef'.repeat(32)}.0a1b2c3d4e5f.tmp`)
    const stored = join(fan, 'ab'.repeat(32))
    for (const file of [dead, deadThumb, live, oldUnowned, freshUnowned, stored]) {
      writeFileSync(file, 'partial')
    }
    const twoHoursAgo = (Date.now() - 2 * 3600_000) / 1000
    utimesSync(oldUnowned, twoHoursAgo, twoHoursAgo)

    openProjectFolder(dir, { create: 'never' }).db.close()

    expect(existsSync(dead)).toBe(false)
    expect(existsSync(deadThumb)).toBe(false)
    expect(existsSync(oldUnowned)).toBe(false)
    expect(existsSync(live)).toBe(true)
    expect(existsSync(freshUnowned)).toBe(true)
    expect(existsSync(stored)).toBe(true)
  })
})
