import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { openProjectFolder } from '../project/project-folder'
import { ProjectSession } from '../project/project-session'
import { EventBus } from '../../rpc/event-bus'
import type { JobKindDef } from './job-kind'
import { JobRunner } from './job-runner'
import type { JobOwner } from './job-runner'

const dirs: string[] = []
const runners: JobRunner[] = []
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.dispose()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

let release: () => void = () => undefined
/** Runs until the test releases it; counts how many times a body started. */
let starts = 0
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

/** A runner as one process sees the project: its own connection and its own owner identity. */
function processOn(dir: string, owner?: JobOwner, staleAfterMs?: number) {
  const session = new ProjectSession()
  const runner = new JobRunner({
    session,
    bus: new EventBus(),
    resumeOnOpen: false,
    heartbeatMs: 50,
    ...(owner ? { owner } : {}),
    ...(staleAfterMs ? { staleAfterMs } : {})
  })
  runner.register(waiting)
  runners.push(runner)
  session.set(openProjectFolder(dir, { create: 'if-missing' }))
  return { runner, session }
}

function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout
  )
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobs-owner-'))
  dirs.push(dir)
  return dir
}

describe('job ownership across processes', () => {
  it('refuses to run a job another live process is running, naming that process', async () => {
    starts = 0
    const dir = project()
    const first = processOn(dir)
    const id = first.runner.start('wait', { tag: 'a' })
    await sleep(100)
    expect(first.runner.get(id).status).toBe('running')

    // A second process (another pid on this host) finds the same unfinished job.
    const second = processOn(dir, { pid: process.ppid, host: hostname() })
    expect(second.runner.findUnfinished('wait', { tag: 'a' })?.id).toBe(id)
    expect(() => second.runner.resume(id)).toThrow(
      new RegExp(`job ${id} is running in process ${process.pid}`)
    )
    expect(second.runner.resumeUnfinished()).toEqual([])
    expect(second.runner.liveOwner(id)).toMatchObject({ pid: process.pid })
    expect(starts).toBe(1)
    release()
    expect((await first.runner.whenFinished(id)).status).toBe('completed')
    expect(second.runner.liveOwner(id)).toBeNull()
  })

  it('takes a running job over once its owner process is gone', async () => {
    starts = 0
    const dir = project()
    const crashed = processOn(dir, { pid: deadPid(), host: hostname() })
    const id = crashed.runner.start('wait', { tag: 'b' })
    await sleep(100)
    // The owner died without a word: its row still says running.
    crashed.session.current!.db.close()
    runners.splice(runners.indexOf(crashed.runner), 1)

    const next = processOn(dir)
    expect(next.runner.liveOwner(id)).toBeNull()
    expect(next.runner.resume(id)).toBe(true)
    await sleep(50)
    expect(next.runner.get(id).status).toBe('running')
    release()
    expect((await next.runner.whenFinished(id)).status).toBe('completed')
  })

  it('takes a job over when its owner on another host stopped its heartbeat', async () => {
    const dir = project()
    const remote = processOn(dir, { pid: 1, host: 'elsewhere' }, 300)
    const id = remote.runner.start('wait', { tag: 'c' })
    await sleep(100)
    const here = processOn(dir, undefined, 300)
    expect(() => here.runner.resume(id)).toThrow(/is running in process 1 on elsewhere/)
    // The remote process freezes: no more heartbeats.
    remote.session.current!.db.close()
    runners.splice(runners.indexOf(remote.runner), 1)
    await sleep(400)
    expect(here.runner.resume(id)).toBe(true)
    release()
    expect((await here.runner.whenFinished(id)).status).toBe('completed')
  })
})
