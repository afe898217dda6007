import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { JobDto } from '../../../src-shared/contract/jobs'
import { openProjectFolder } from '../project/project-folder'
import { ProjectSession } from '../project/project-session'
import { EventBus } from '../../rpc/event-bus'
import type { JobKindDef } from './job-kind'
import { JobRunner } from './job-runner'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function setup(options: { interval?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'jobs-'))
  dirs.push(dir)
  const session = new ProjectSession()
  const bus = new EventBus()
  const events: Array<{ topic: string; job: JobDto }> = []
  bus.onDidPublish((e) => {
    if (e.topic.startsWith('job.')) events.push({ topic: e.topic, job: e.payload as JobDto })
  })
  const runner = new JobRunner({ session, bus, progressIntervalMs: options.interval ?? 100 })
  session.set(openProjectFolder(dir, { create: 'if-missing' }))
  return { dir, session, bus, runner, events }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Test kinds live outside the contract's table; this keeps their params type inferred. */
const testKind = <P>(def: JobKindDef<P>): JobKindDef<P> => def

/** Counts to `n`, committing each unit to a table so a resume can skip what is done. */
const counter = testKind({
  kind: 'count',
  unit: 'numbers',
  params: z.object({
    n: z.number().int(),
    delayMs: z.number().default(0),
    failAt: z.number().optional()
  }),
  async run(ctx) {
    const db = ctx.project.db
    db.exec('CREATE TABLE IF NOT EXISTS counted (job TEXT, n INTEGER, UNIQUE (job, n))')
    const have = new Set(
      (db.prepare('SELECT n FROM counted WHERE job = ?').all(ctx.jobId) as { n: number }[]).map(
        (r) => r.n
      )
    )
    ctx.setTotal(ctx.params.n)
    ctx.setDone(have.size)
    for (let i = 0; i < ctx.params.n; i++) {
      if (have.has(i)) continue
      if (ctx.signal.aborted) throw new Error('aborted')
      if (i === ctx.params.failAt) {
        ctx.recordError(`number ${i}`, 'unlucky')
      } else {
        db.prepare('INSERT INTO counted (job, n) VALUES (?, ?)').run(ctx.jobId, i)
      }
      ctx.advance(1, 10)
      await sleep(ctx.params.delayMs)
    }
    return { counted: ctx.params.n }
  }
})

describe('JobRunner', () => {
  it('returns an id at once, runs the job, and commits its final state before job.finished', async () => {
    const { runner, events } = setup()
    runner.register(counter)
    const id = runner.start('count', { n: 5 })
    expect(runner.get(id).status).toMatch(/queued|running/)
    const final = await runner.whenFinished(id)
    expect(final).toMatchObject({ status: 'completed', done: 5, total: 5, unit: 'numbers' })
    expect(final.stats).toEqual({ counted: 5 })
    expect(final.finishedAt).not.toBeNull()
    const finished = events.filter((e) => e.topic === 'job.finished')
    expect(finished).toHaveLength(1)
    expect(runner.get(id).status).toBe('completed')
  })

  it('throttles progress events to about 10 per second with rates and an ETA', async () => {
    const { runner, events } = setup()
    runner.register(counter)
    const id = runner.start('count', { n: 60, delayMs: 10 })
    await runner.whenFinished(id)
    const progress = events.filter((e) => e.topic === 'job.progress')
    // 60 units over >= 0.6 s would be 60+ events unthrottled; ~10/s gives well under 20.
    expect(progress.length).toBeGreaterThan(3)
    expect(progress.length).toBeLessThan(20)
    const mid = progress.find((e) => e.job.done > 10 && e.job.done < 60)!
    expect(mid.job.itemsPerSecond).toBeGreaterThan(10)
    expect(mid.job.tokensPerSecond).toBeCloseTo(mid.job.itemsPerSecond! * 10, 0)
    expect(mid.job.etaSeconds).toBeGreaterThan(0)
  })

  it('cancels a running job as cancelled and keeps its committed work', async () => {
    const { runner, session } = setup()
    runner.register(counter)
    const id = runner.start('count', { n: 1000, delayMs: 5 })
    await sleep(100)
    runner.cancel(id)
    const final = await runner.whenFinished(id)
    expect(final.status).toBe('cancelled')
    const { c } = session.require().db.prepare('SELECT COUNT(*) AS c FROM counted').get() as {
      c: number
    }
    expect(c).toBeGreaterThan(0)
    expect(c).toBeLessThan(1000)
    expect(runner.cancel(id).status).toBe('cancelled')
  })

  it('records per-item errors and goes on', async () => {
    const { runner } = setup()
    runner.register(counter)
    const id = runner.start('count', { n: 4, failAt: 2 })
    const final = await runner.whenFinished(id)
    expect(final.status).toBe('completed')
    expect(final.errorCount).toBe(1)
    expect(runner.errors(id, 0, 10).items[0]).toMatchObject({ item: 'number 2', reason: 'unlucky' })
  })

  it('marks a job failed with the reason when its body throws', async () => {
    const { runner } = setup()
    runner.register(
      testKind({
        kind: 'boom',
        params: z.object({}),
        run: async () => {
          throw new Error('disk on fire')
        }
      })
    )
    const final = await runner.whenFinished(runner.start('boom', {}))
    expect(final).toMatchObject({ status: 'failed', error: 'disk on fire' })
  })

  it('refuses unknown kinds and invalid params with BAD_INPUT', () => {
    const { runner } = setup()
    runner.register(counter)
    expect(() => runner.start('nope', {})).toThrow(/Unknown job kind "nope"/)
    expect(() => runner.start('count', { n: 'x' })).toThrow(/Invalid params for count job: n/)
    expect(() => runner.register(counter)).toThrow(/already registered/)
  })

  it('queues jobs of one kind behind each other (per-kind concurrency 1)', async () => {
    const { runner } = setup()
    runner.register(counter)
    const a = runner.start('count', { n: 20, delayMs: 5 })
    const b = runner.start('count', { n: 2 })
    expect(runner.get(b).status).toBe('queued')
    await runner.whenFinished(b)
    expect(Date.parse(runner.get(b).startedAt!)).toBeGreaterThanOrEqual(
      Date.parse(runner.get(a).finishedAt!)
    )
  })

  it('resumes an interrupted job on the next open, skipping committed units', async () => {
    const first = setup()
    first.runner.register(counter)
    const id = first.runner.start('count', { n: 40, delayMs: 10 })
    await sleep(150)
    await first.runner.dispose()
    expect(first.runner.get(id).status).toBe('interrupted')
    const doneBefore = first.runner.get(id).done
    expect(doneBefore).toBeGreaterThan(0)
    first.session.close()

    // A fresh process: new session and runner over the same folder.
    const session = new ProjectSession()
    const runner = new JobRunner({ session, bus: new EventBus() })
    runner.register(counter)
    session.set(openProjectFolder(first.dir, { create: 'never' }))
    await sleep(0)
    const final = await runner.whenFinished(id)
    expect(final).toMatchObject({ status: 'completed', done: 40 })
    const rows = session.require().db.prepare('SELECT n FROM counted ORDER BY n').all() as {
      n: number
    }[]
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 40 }, (_, i) => i))
  })

  it('treats a job left running by a killed process as interrupted and resumes it', async () => {
    const { dir, runner: r1, session: s1 } = setup()
    r1.register(counter)
    s1.require()
      .db.prepare(
        `INSERT INTO jobs (id, kind, params, status, created_at) VALUES ('count-dead', 'count', '{"n":3,"delayMs":0}', 'running', ?)`
      )
      .run(new Date().toISOString())
    s1.close()
    const session = new ProjectSession()
    const runner = new JobRunner({ session, bus: new EventBus() })
    runner.register(counter)
    session.set(openProjectFolder(dir, { create: 'never' }))
    await sleep(0)
    expect((await runner.whenFinished('count-dead')).status).toBe('completed')
    expect(runner.findUnfinished('count', { n: 3 })).toBeNull()
  })

  it('never marks a job of this process interrupted when resuming others on open', async () => {
    const { dir, runner: r1, session: s1 } = setup()
    r1.register(counter)
    s1.close()
    const session = new ProjectSession()
    const runner = new JobRunner({ session, bus: new EventBus() })
    runner.register(counter)
    session.set(openProjectFolder(dir, { create: 'never' }))
    // Started before the open's resume pass runs (it is deferred to a microtask).
    const id = runner.start('count', { n: 100, delayMs: 5 })
    await sleep(50)
    const row = session.require().db.prepare('SELECT status FROM jobs WHERE id = ?').get(id)
    expect(row).toEqual({ status: 'running' })
    await runner.dispose()
  })

  it('leaves unfinished jobs alone on open when resumeOnOpen is off', async () => {
    const { dir, runner: r1, session: s1 } = setup()
    r1.register(counter)
    const id = r1.start('count', { n: 1000, delayMs: 5 })
    await sleep(30)
    await r1.dispose()
    s1.close()
    const session = new ProjectSession()
    const runner = new JobRunner({ session, bus: new EventBus(), resumeOnOpen: false })
    runner.register(counter)
    session.set(openProjectFolder(dir, { create: 'never' }))
    await sleep(20)
    expect(runner.get(id).status).toBe('interrupted')
    expect(runner.resume(id)).toBe(true)
    runner.cancel(id)
    expect((await runner.whenFinished(id)).status).toBe('cancelled')
  })

  it('finds an unfinished job by equal params whatever their key order', async () => {
    const { runner } = setup()
    runner.register(counter)
    const id = runner.start('count', { n: 1000, delayMs: 5 })
    expect(runner.findUnfinished('count', { delayMs: 5, n: 1000 })?.id).toBe(id)
    expect(runner.findUnfinished('count', { n: 999, delayMs: 5 })).toBeNull()
    await runner.dispose()
  })
})
