import { mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { EventBus } from '../rpc/event-bus'
import type { JobKindDef } from '../services/jobs/job-kind'
import { JobRunner } from '../services/jobs/job-runner'
import { openProjectFolder } from '../services/project/project-folder'
import { ProjectSession } from '../services/project/project-session'
import { runCliJob } from './cli-jobs'

const dir = mkdtempSync(join(tmpdir(), 'cli-jobs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let starts = 0
let release: () => void = () => undefined
const waiting: JobKindDef<{ tag: string }> = {
  kind: 'wait',
  params: z.object({ tag: z.string() }),
  async run(ctx) {
    starts++
    await new Promise<void>((resolve, reject) => {
      release = resolve
      ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))
    })
  }
}

describe('runCliJob', () => {
  it('follows the same job running in another live process instead of running it twice', async () => {
    // "Another process": its own connection, and another pid of this host as its owner.
    const session = new ProjectSession()
    const other = new JobRunner({
      session,
      bus: new EventBus(),
      resumeOnOpen: false,
      heartbeatMs: 50,
      owner: { pid: process.ppid, host: hostname() }
    })
    other.register(waiting)
    session.set(openProjectFolder(dir, { create: 'if-missing' }))
    const id = other.start('wait', { tag: 'cli' })
    await new Promise((r) => setTimeout(r, 100))

    const following = runCliJob(dir, waiting, { tag: 'cli' }, { quiet: true })
    await new Promise((r) => setTimeout(r, 300))
    expect(starts).toBe(1)
    release()
    expect(await following).toMatchObject({ id, status: 'completed' })
    expect(starts).toBe(1)
    await other.dispose()
    session.close()
  })
})
