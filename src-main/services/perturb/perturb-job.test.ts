import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import type { JobDto } from '../../../src-shared/contract/jobs'
import { mediaFilePath, thumbFilePath } from '../../media/media-paths'
import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { ProjectSession } from '../project/project-session'
import { EventBus } from '../../rpc/event-bus'
import { ImagesRepo } from '../../store/images-repo'
import { ingestBuffer } from '../../store/media-store'
import { JobRunner } from '../jobs/job-runner'
import { perturbJobKind } from './perturb-job'
import { fromRaw } from './raw-image'
import { photoLike } from './synthetic-images'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function setup(goodImages: number) {
  const dir = mkdtempSync(join(tmpdir(), 'perturb-job-'))
  dirs.push(dir)
  const session = new ProjectSession()
  const bus = new EventBus()
  const runner = new JobRunner({ session, bus, progressIntervalMs: 20 })
  runner.register(perturbJobKind)
  const project = openProjectFolder(dir, { create: 'if-missing' })
  session.set(project)
  const repo = new ImagesRepo(project.db)
  const add = async (bytes: Buffer, origin: string): Promise<number> => {
    const stored = await ingestBuffer(project.mediaDir, bytes)
    return repo.insertOriginal({ ...stored, width: 1, height: 1, format: 'jpeg', origin })
  }
  const ids: number[] = []
  for (let i = 0; i < goodImages; i++) {
    const jpeg = await fromRaw(photoLike(96 + i, 64, i))
      .jpeg({ quality: 90 })
      .toBuffer()
    ids.push(await add(jpeg, `photo-${i}.jpg`))
  }
  return { runner, project, add, ids, bus, session }
}

const variants = (project: ProjectHandle) =>
  project.db
    .prepare(
      'SELECT source_id, recipe_key, sha256, psnr, ssim, seed, recipe FROM images WHERE source_id IS NOT NULL ORDER BY id'
    )
    .all() as Array<{
    source_id: number
    recipe_key: string
    sha256: string
    psnr: number
    ssim: number
    seed: number | null
    recipe: string
  }>

describe('perturb job', () => {
  it('renders every recipe once per original, records refusals and goes on', async () => {
    const { runner, project, add, ids, session } = await setup(3)
    const badId = await add(Buffer.from('GIF89a-but-not-really'), 'bad.gif')
    const id = runner.start('perturb', { recipes: ['jpeg:20', 'noise:25:seed=3', 'jpeg:20'] })
    const job = await runner.whenFinished(id)
    expect(job).toMatchObject({ status: 'completed', done: 4, total: 4, errorCount: 1 })
    expect(job.stats).toMatchObject({
      sources: 4,
      variantsCreated: 6,
      variantsExisting: 0,
      refused: 1
    })
    const rows = variants(project)
    // Sources finish in any order across workers; compare as sorted pairs.
    const pairs = rows
      .map((r) => [r.source_id, r.recipe_key])
      .sort((a, b) => String(a).localeCompare(String(b)))
    expect(pairs).toEqual(
      ids.flatMap((source) => [
        [source, 'jpeg:20'],
        [source, 'noise:25:seed=3']
      ])
    )
    for (const row of rows) {
      expect(existsSync(mediaFilePath(project.mediaDir, row.sha256))).toBe(true)
      expect(existsSync(thumbFilePath(project.mediaDir, row.sha256))).toBe(true)
      expect(row.psnr).toBeGreaterThan(10)
      expect(row.ssim).toBeGreaterThan(0)
      expect(row.ssim).toBeLessThan(1)
    }
    expect(rows.find((r) => r.recipe_key.startsWith('noise'))?.seed).toBe(3)
    expect(JSON.parse(rows[0]!.recipe)).toEqual({ steps: [{ type: 'jpeg', quality: 20 }] })
    const errors = runner.errors(id, 0, 10)
    expect(JSON.stringify(errors)).toContain(`bad.gif (image ${badId})`)
    expect(JSON.stringify(errors)).toMatch(/corrupt image\/gif|truncated or corrupt/)
    session.close()
  })

  it('only renders what is missing when run again', async () => {
    const { runner, project, session } = await setup(2)
    await runner.whenFinished(runner.start('perturb', { recipes: ['blur:2'] }))
    const before = variants(project)
    const again = await runner.whenFinished(
      runner.start('perturb', { recipes: ['blur:2', 'pixelate:8'] })
    )
    expect(again.stats).toMatchObject({ variantsCreated: 2, variantsExisting: 2 })
    const after = variants(project)
    expect(after.slice(0, 2)).toEqual(before)
    expect(after.map((r) => r.recipe_key).sort()).toEqual([
      'blur:2',
      'blur:2',
      'pixelate:8',
      'pixelate:8'
    ])
    session.close()
  })

  it('stops on cancel with what is done committed, and a new run completes the rest', async () => {
    const { runner, project, bus, session } = await setup(16)
    let cancelled = false
    bus.onDidPublish((event) => {
      const job = event.payload as JobDto
      if (event.topic === 'job.progress' && job.done >= 2 && !cancelled) {
        cancelled = true
        runner.cancel(job.id)
      }
    })
    const job = await runner.whenFinished(runner.start('perturb', { recipes: ['downsample:2'] }))
    expect(job.status).toBe('cancelled')
    const partial = variants(project).length
    expect(partial).toBeGreaterThanOrEqual(2)
    expect(partial).toBeLessThan(16)
    cancelled = true
    const rest = await runner.whenFinished(runner.start('perturb', { recipes: ['downsample:2'] }))
    expect(rest.stats).toMatchObject({ variantsCreated: 16 - partial, variantsExisting: partial })
    expect(variants(project)).toHaveLength(16)
    session.close()
  })

  it('refuses invalid recipes before starting', async () => {
    const { runner, session } = await setup(0)
    expect(() => runner.start('perturb', { recipes: ['blur:99'] })).toThrow(
      'recipe "blur:99": blur sigma must be 0.3–50, got 99'
    )
    session.close()
  })
})
