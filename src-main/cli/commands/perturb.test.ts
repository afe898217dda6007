import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, describe, expect, it } from 'vitest'

import { openProjectFolder } from '../../services/project/project-folder'
import { fromRaw } from '../../services/perturb/raw-image'
import { photoLike } from '../../services/perturb/synthetic-images'
import { ImagesRepo } from '../../store/images-repo'
import { ingestBuffer } from '../../store/media-store'

const run = promisify(execFile)
const bin = resolve(import.meta.dirname, '../../../bin/delta-studio.js')
const dir = mkdtempSync(join(tmpdir(), 'perturb-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('delta-studio perturb', () => {
  it('renders variants and prints one JSON line; refuses bad specs with exit code 1', async () => {
    const project = openProjectFolder(dir, { create: 'if-missing' })
    const repo = new ImagesRepo(project.db)
    for (const [i, bytes] of [
      await fromRaw(photoLike(80, 60, 1))
        .png()
        .toBuffer(),
      Buffer.alloc(0)
    ].entries()) {
      const stored = await ingestBuffer(project.mediaDir, bytes)
      repo.insertOriginal({
        ...stored,
        width: 80,
        height: 60,
        format: 'png',
        origin: `in-${i}.png`
      })
    }
    project.db.close()

    const ok = await run('node', [
      bin,
      'perturb',
      dir,
      '--recipe',
      'jpeg:20',
      '--recipe',
      'blur:2+noise:5',
      '--json'
    ])
    const lines = ok.stdout.trim().split('\n')
    expect(JSON.parse(lines[lines.length - 1] as string)).toMatchObject({
      status: 'completed',
      errors: 1,
      sources: 2,
      variantsCreated: 2,
      refused: 1
    })

    const bad = await run('node', [bin, 'perturb', dir, '--recipe', 'jpeg:0']).then(
      () => null,
      (error: { code: number; stderr: string }) => error
    )
    expect(bad?.code).toBe(1)
    expect(bad?.stderr).toContain('delta-studio: jpeg quality must be 1–100, got 0')
  })
})
