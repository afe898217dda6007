import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { ExportJobParams } from '../../../../src-shared/contract/exports'
import type { JobContext } from '../../jobs/job-kind'
import type { ProjectHandle } from '../../project/project-folder'
import { exportJobKind } from './export-job'
import { runExport } from './run-export'
import { seedMixedProject, tempProject } from '../test-support/seed-project'

let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  project = null
})

type Params = ReturnType<typeof ExportJobParams.parse>

/** The context a job runner hands a job body, recording what the body reports. */
function context(p: ProjectHandle, params: Params, resumed: boolean) {
  const seen = { done: 0, total: 0, errors: [] as string[] }
  // The runner persists its job row before calling the body; the exports row refers to it.
  p.db
    .prepare(
      `INSERT OR IGNORE INTO jobs (id, kind, params, status, created_at)
       VALUES ('export-test', 'export', '{}', 'running', '2026-01-01T00:00:00Z')`
    )
    .run()
  const ctx: JobContext<Params> = {
    jobId: 'export-test',
    params,
    project: p,
    signal: new AbortController().signal,
    resumed,
    setTotal: (total) => void (seen.total = total),
    setDone: (done) => void (seen.done = done),
    advance: () => undefined,
    setMessage: () => undefined,
    recordError: (item, reason) => void seen.errors.push(`${item}: ${reason}`),
    setStats: () => undefined
  }
  return { ctx, seen }
}

describe('export job', () => {
  it('a resumed job whose folder was committed finishes with its figures', async () => {
    project = tempProject()
    await seedMixedProject(project)
    const out = join(dirname(project.dir), 'done')
    await runExport(project, out, { format: 'trl' })
    const params = ExportJobParams.parse({ out, options: { format: 'trl' } })
    const { ctx } = context(project, params, true)
    await expect(exportJobKind.run(ctx)).resolves.toEqual({ records: 6, path: out, format: 'trl' })
  })

  it('a resumed job removes the interrupted attempt and exports again', async () => {
    project = tempProject()
    await seedMixedProject(project)
    const out = join(dirname(project.dir), 'again')
    const stale = join(dirname(out), '.again.partial-dead')
    mkdirSync(stale)
    writeFileSync(join(stale, 'train.jsonl'), '{"half": ')
    const params = ExportJobParams.parse({ out, options: { format: 'trl' } })
    const { ctx, seen } = context(project, params, true)
    const stats = await exportJobKind.run(ctx)
    expect(stats).toMatchObject({ records: 6, path: out, skipped: 1 })
    expect(existsSync(stale)).toBe(false)
    expect(readdirSync(dirname(out)).filter((n) => n.includes('.partial-'))).toEqual([])
    expect(seen.total).toBe(6)
    expect(seen.errors).toEqual([expect.stringMatching(/^pair 9: duplicate of record/)])
  })
})
