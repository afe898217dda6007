import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import { EventBus } from '../../rpc/event-bus'
import { storeFor } from '../../store/store'
import { fillDemoProject } from '../demo/demo-dataset'
import { addOriginalImage, insertSample } from '../ingest/sample-writer'
import { JobRunner } from '../jobs/job-runner'
import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { ProjectSession } from '../project/project-session'
import { composeJobKind } from './compose-job'

const root = mkdtempSync(join(tmpdir(), 'compose-job-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function project(name: string, demo = 0): Promise<ProjectHandle> {
  const handle = openProjectFolder(join(root, name), { create: 'if-missing' })
  if (demo) await fillDemoProject(handle, { seed: 5, count: demo })
  return handle
}

async function compose(handle: ProjectHandle, params: Record<string, unknown>) {
  const session = new ProjectSession()
  const runner = new JobRunner({ session, bus: new EventBus(), progressIntervalMs: 50 })
  runner.register(composeJobKind)
  session.set(handle)
  const id = runner.start('compose', params)
  const job = await runner.whenFinished(id)
  const errors = job.errorCount ? runner.errors(id, 0, 100).items : []
  await runner.dispose()
  return { job, errors }
}

/** Composed samples as (tier, layout, template, question, image hashes), in id order. */
function composed(handle: ProjectHandle) {
  const rows = storeFor(handle.db).compositions.list({}, 200).rows
  return rows
    .reverse()
    .map((c) => [c.tier, c.layout, c.template, c.question, c.images.map((i) => i.sha256)])
}

describe('the compose job', () => {
  it('makes all tiers and layouts with provenance, byte-identical for the same seed', async () => {
    const a = await project('a', 25)
    const b = await project('b', 25)
    const params = { tiers: [1, 2, 3], count: 6, seed: 11, cellSize: 96 }
    const first = await compose(a, params)
    expect(first.job).toMatchObject({ status: 'completed', errorCount: 0 })
    expect(first.job.stats).toMatchObject({ composed: 18, by_tier: { 1: 6, 2: 6, 3: 6 } })
    expect((await compose(b, params)).job.status).toBe('completed')
    expect(composed(b)).toEqual(composed(a))
    const layouts = new Set(composed(a).map((c) => c[1]))
    expect(layouts).toEqual(new Set(['sequence', 'grid', 'pip']))

    const grid = storeFor(a.db).compositions.list({ layouts: ['grid'] }, 1).rows[0]!
    expect(grid.images).toHaveLength(1)
    expect(grid.sources.length).toBe(grid.imageCount)
    const meta = await sharp(
      join(a.mediaDir, grid.images[0]!.sha256.slice(0, 2), grid.images[0]!.sha256)
    ).metadata()
    expect(meta.format).toBe('png')
    const sequence = storeFor(a.db).compositions.list({ layouts: ['sequence'] }, 1).rows[0]!
    expect(sequence.images.map((i) => i.sha256)).toEqual(
      sequence.sources.map((s) => s.image!.sha256)
    )

    // Again with the same seed: nothing new, every item found.
    const again = await compose(a, params)
    expect(again.job.stats).toMatchObject({ composed: 0, existing: 18 })
    // Another seed: other compositions.
    await compose(b, { ...params, seed: 12 })
    expect(composed(b)).not.toEqual(composed(a))
  }, 60_000)

  it('fails with a clear reason when the pool is smaller than the images per sample', async () => {
    const small = await project('small', 3)
    const { job } = await compose(small, { minImages: 4, maxImages: 6 })
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(
      /pool holds 3 single-image samples; 4 images per sample need at least 4/
    )
  })

  it('skips what lacks labels or cannot fit a grid, naming the item and the reason', async () => {
    const plain = await project('plain')
    for (let i = 0; i < 4; i++) {
      const wide = i === 0
      const png = await sharp({
        create: {
          width: wide ? 3000 : 40,
          height: wide ? 4 : 30,
          channels: 3,
          background: { r: i * 50, g: 0, b: 0 }
        }
      })
        .png()
        .toBuffer()
      const image = await addOriginalImage(plain.db, plain.mediaDir, { bytes: png }, 'test')
      insertSample(plain.db, { question: `What is ${i}?`, images: [image], groundTruth: String(i) })
    }
    const { job, errors } = await compose(plain, {
      tiers: [1, 2, 3],
      layouts: ['grid'],
      minImages: 4,
      maxImages: 4,
      count: 1,
      cellSize: 96
    })
    expect(job.status).toBe('completed')
    expect(errors.map((e) => [e.item, e.reason])).toEqual([
      [
        'tier 2 #1',
        expect.stringMatching(/no comparison can be made: .*needs two samples of kind/)
      ],
      ['tier 3 #1', 'no sample carries a kind label that a search question can describe'],
      [
        'tier 1 #1',
        expect.stringMatching(/^Image \d: a 3000×4 image would be 96×1 px .*cannot fit it/)
      ]
    ])
  })
})
