import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openDatabase } from '../../db/open-database'
import { appRoot } from '../../platform/paths'
import { openProjectFolder } from '../project/project-folder'

const run = promisify(execFile)
const root = mkdtempSync(join(tmpdir(), 'disk-full-'))
const disk = join(root, 'disk')
let mounted = false

/** A small file system of its own (tmpfs), so the disk really fills; needs root. */
beforeAll(() => {
  mkdirSync(disk)
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', disk], { stdio: 'ignore' })
    mounted = true
  } catch {
    mounted = false
  }
})
afterAll(() => {
  if (mounted) execFileSync('umount', [disk])
  rmSync(root, { recursive: true, force: true })
})

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      join(appRoot(), 'bin', 'delta-studio.js'),
      ...args
    ])
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('a full disk during import', () => {
  it('fails the job naming the file, keeps what was committed, and resumes once space exists', async (ctx) => {
    if (!mounted) ctx.skip()
    const source = join(root, 'images')
    mkdirSync(source)
    // Noise does not compress: each PNG is about 150 kB, 30 of them twice the disk.
    for (let i = 0; i < 30; i++) {
      const noise = Buffer.alloc(220 * 220 * 3)
      for (let j = 0; j < noise.length; j++) noise[j] = ((j + i * 7919) * 2654435761) >>> 24
      await sharp(noise, { raw: { width: 220, height: 220, channels: 3 } })
        .png({ compressionLevel: 0 })
        .toFile(join(source, `img-${String(i).padStart(2, '0')}.png`))
    }
    const project = join(disk, 'project')
    openProjectFolder(project, { create: 'must' }).db.close()

    const full = await cli('import', project, source, '--question', 'What is it?', '--json')
    expect(full.code).toBe(1)
    expect(full.stderr).toMatch(/import failed: no space left on device .*img-\d\d\.png/)
    expect(full.stderr).not.toMatch(/\n\s+at /)
    const db = openDatabase(join(project, 'studio.db'), { readonly: true })
    const job = db.prepare("SELECT status, error FROM jobs WHERE kind = 'import'").get() as {
      status: string
      error: string
    }
    const kept = db.prepare('SELECT COUNT(*) FROM samples').pluck().get() as number
    db.close()
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/no space left on device/)
    expect(kept).toBeGreaterThan(0)
    expect(kept).toBeLessThan(30)
    const leftovers = readdirSync(join(project, 'media'), { recursive: true }).filter((name) =>
      String(name).endsWith('.tmp')
    )
    expect(leftovers).toEqual([])

    execFileSync('mount', ['-o', 'remount,size=40m', disk])
    const again = await cli('import', project, source, '--question', 'What is it?', '--json')
    expect(again.stderr).toBe('')
    expect(again.code).toBe(0)
    const summary = JSON.parse(again.stdout.trim().split('\n').at(-1)!) as {
      samples: number
      duplicates: number
    }
    expect(summary.samples + summary.duplicates).toBe(30)
    expect(summary.duplicates).toBe(kept)
  }, 120_000)
})
