import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createCore } from '../../../app/compose'
import type { Core } from '../../../app/compose'
import { openProjectFolder } from '../../project/project-folder'
import { seedMixedProject, tempProject } from '../test-support/seed-project'

let core: Core | null = null
afterEach(async () => {
  await core?.dispose()
  core = null
})

async function call(method: string, input: unknown): Promise<unknown> {
  const response = await (core as Core).router.dispatch(method, input, { via: 'memory' })
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`)
  return response.result
}

async function openSeeded(): Promise<string> {
  const seeded = tempProject()
  await seedMixedProject(seeded)
  seeded.db.close()
  core = createCore({ host: 'memory' })
  core.session.set(openProjectFolder(seeded.dir, { create: 'never' }))
  return seeded.dir
}

describe('exports.* over the router', () => {
  it('previews rows, runs an export job, lists it and imports it back', async () => {
    const dir = await openSeeded()
    const preview = (await call('exports.preview', {
      options: { format: 'llamafactory' },
      limit: 2
    })) as {
      matched: number
      rows: Array<{ conversations: Array<{ value: string }>; images: string[] }>
    }
    expect(preview.matched).toBe(6)
    expect(preview.rows).toHaveLength(2)
    expect(preview.rows[0]?.images[0]).toMatch(/^images\/[0-9a-f]{64}\.png$/)

    const out = join(dirname(dir), 'rpc-out')
    const { jobId } = (await call('exports.start', {
      out,
      options: { format: 'trl', split: 0.5 }
    })) as {
      jobId: string
    }
    const job = await (core as Core).jobs.whenFinished(jobId)
    expect(job).toMatchObject({
      kind: 'export',
      status: 'completed',
      stats: { records: 6, path: out }
    })
    expect(existsSync(join(out, 'manifest.json'))).toBe(true)
    const list = (await call('exports.list', {})) as Array<{
      jobId: string
      records: number
      path: string
    }>
    expect(list).toEqual([expect.objectContaining({ jobId, records: 6, path: out, format: 'trl' })])

    const imported = (await call('exports.import', { source: out })) as { jobId: string }
    const importJob = await (core as Core).jobs.whenFinished(imported.jobId)
    // Every row is a duplicate of a pair the project already holds.
    expect(importJob).toMatchObject({ status: 'completed', stats: { imported: 0, duplicates: 6 } })
    // Its total is the rows it read, so progress reads 6 / 6 rather than 6 / 0.
    expect(importJob).toMatchObject({ done: 6, total: 6, unit: 'rows' })
  })

  it('rejects bad options with BAD_INPUT and a taken folder as a failed job', async () => {
    const dir = await openSeeded()
    const bad = await (core as Core).router.dispatch(
      'exports.start',
      { out: join(dirname(dir), 'x'), options: { format: 'csv' } },
      { via: 'memory' }
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const { jobId } = (await call('exports.start', { out: dir, options: { format: 'trl' } })) as {
      jobId: string
    }
    const job = await (core as Core).jobs.whenFinished(jobId)
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/already exists and is not empty/)
  })
})
