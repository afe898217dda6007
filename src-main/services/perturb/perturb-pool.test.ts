import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { parseRecipe } from '../../../src-shared/domain/recipes'
import { mediaFilePath, thumbFilePath } from '../../media/media-paths'
import { PerturbPool } from './perturb-pool'
import { processSource } from './process-source'
import type { SourceTask } from './process-source'
import { fromRaw } from './raw-image'
import { photoLike } from './synthetic-images'

let dir: string
let pool: PerturbPool

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perturb-pool-'))
  for (let i = 0; i < 4; i++) {
    await fromRaw(photoLike(160 + i * 16, 120, i))
      .jpeg({ quality: 90 })
      .toFile(join(dir, `img${i}.jpg`))
  }
  await writeFile(join(dir, 'broken.jpg'), 'not an image at all')
  pool = new PerturbPool({ size: 2 })
})
afterAll(async () => {
  await pool.close()
  await rm(dir, { recursive: true, force: true })
})

const recipes = ['downsample:4', 'jpeg:20', 'noise:25'].map(parseRecipe)
const task = (name: string): SourceTask => ({
  path: join(dir, name),
  item: name,
  recipes,
  mediaDir: join(dir, 'media')
})

describe('PerturbPool', () => {
  it('runs tasks in worker threads with the same results as in-process', async () => {
    const results = await Promise.all([0, 1, 2, 3].map((i) => pool.run(task(`img${i}.jpg`))))
    const inline = await processSource(task('img2.jpg'))
    expect(results.every((r) => r.ok)).toBe(true)
    const fromWorker = results[2]
    if (!fromWorker?.ok || !inline.ok) throw new Error('expected success')
    expect(fromWorker.variants.map((v) => v.sha256)).toEqual(inline.variants.map((v) => v.sha256))
    for (const variant of fromWorker.variants) {
      expect(existsSync(mediaFilePath(join(dir, 'media'), variant.sha256))).toBe(true)
      expect(existsSync(thumbFilePath(join(dir, 'media'), variant.sha256))).toBe(true)
      expect(variant.ssim).toBeLessThan(1)
      expect(variant.psnr).toBeGreaterThan(10)
    }
    expect(fromWorker.variants.map((v) => v.format)).toEqual(['png', 'jpeg', 'png'])
  })

  it('reports a bad input as a result and keeps going', async () => {
    const [bad, good] = await Promise.all([
      pool.run(task('broken.jpg')),
      pool.run(task('img0.jpg'))
    ])
    expect(bad).toMatchObject({ ok: false, item: 'broken.jpg' })
    expect(bad.ok ? '' : bad.message).toMatch(/^broken\.jpg: not an image/)
    expect(good.ok).toBe(true)
    const missing = await pool.run(task('missing.jpg'))
    expect(missing).toMatchObject({ ok: false, reason: 'cannot read file (ENOENT)' })
  })

  it('drops queued tasks on abort but finishes started ones', async () => {
    const controller = new AbortController()
    const runs = [0, 1, 2, 3, 0, 1].map((i) => pool.run(task(`img${i}.jpg`), controller.signal))
    expect(pool.queued).toBe(4)
    controller.abort(new DOMException('cancelled', 'AbortError'))
    const settled = await Promise.allSettled(runs)
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'rejected'
    ])
    expect(pool.queued).toBe(0)
    await expect(pool.run(task('img0.jpg'), controller.signal)).rejects.toThrow('cancelled')
  })
})
