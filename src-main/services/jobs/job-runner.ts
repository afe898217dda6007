import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'

import type { JobDto, JobStatus } from '../../../src-shared/contract/jobs'
import { FINISHED_JOB_STATUSES } from '../../../src-shared/contract/jobs'
import type { StartJobParsed } from '../../../src-shared/contract/job-kinds'
import { RpcError } from '../../../src-shared/rpc/errors'
import type { ProjectHandle } from '../project/project-folder'
import type { ProjectSession } from '../project/project-session'
import type { EventBus } from '../../rpc/event-bus'
import type { JobContext, JobKindDef } from './job-kind'
import { ProgressMeter, Throttle } from './job-progress'
import { JobsRepo } from '../../store/jobs-repo'
import type { StoredJob, StoredOwner } from '../../store/jobs-repo'
import { ownerIsGone } from './job-owner'
import { DiskFullError, isDiskFull, releaseSpaceReserve } from '../../platform/disk-full'

/** Why a running job was aborted; decides its final status. */
type AbortReason = 'cancel' | 'shutdown'

type Active = {
  readonly id: string
  readonly def: JobKindDef<unknown>
  readonly project: ProjectHandle
  readonly store: JobsRepo
  readonly controller: AbortController
  readonly resumed: boolean
  meter: ProgressMeter | null
  throttle: Throttle | null
  status: 'queued' | 'running'
  readonly finished: Promise<JobDto>
  resolveFinished(job: JobDto): void
}

export type JobRunnerOptions = {
  readonly session: ProjectSession
  readonly bus: EventBus
  /** Jobs of all kinds running at once; default 2. */
  readonly maxConcurrent?: number
  /** Minimum milliseconds between two progress events of one job; default 100 (~10/s). */
  readonly progressIntervalMs?: number
  /** Resume the project's unfinished jobs when it opens; default true (false for one-shot CLIs). */
  readonly resumeOnOpen?: boolean
  readonly log?: (line: string) => void
  /** Who this runner is to other processes; default this process on this host. */
  readonly owner?: JobOwner
  /** Milliseconds between heartbeats of the jobs this runner runs; default 2000. */
  readonly heartbeatMs?: number
  /** A job whose owner's heartbeat is older than this is taken over; default 30000. */
  readonly staleAfterMs?: number
  /** Log failed jobs' stack traces too (the CLI's --debug); default false. */
  readonly debug?: boolean
}

/** The process that runs a job, as other processes see it. */
export type JobOwner = { readonly pid: number; readonly host: string }

/**
 * Runs registered job kinds for the open project: a FIFO queue, a global and a per-kind
 * concurrency cap, one AbortController per job, rows persisted in `jobs`/`job_errors`, and
 * throttled `job.progress` events. Opening a project resumes its unfinished jobs.
 *
 * Guarantees: `start` returns an id at once (the row is committed before it returns); a job's
 * final status is committed before `job.finished` is published; a cancelled job ends
 * `cancelled`, one stopped by `dispose` or a project switch ends `interrupted` and resumes.
 */
export class JobRunner {
  readonly #kinds = new Map<string, JobKindDef<unknown>>()
  readonly #active = new Map<string, Active>()
  readonly #queue: Active[] = []
  readonly #options: Required<Omit<JobRunnerOptions, 'log'>> & Pick<JobRunnerOptions, 'log'>
  readonly #unsubscribe: () => void
  #heartbeat: NodeJS.Timeout | null = null

  constructor(options: JobRunnerOptions) {
    this.#options = {
      maxConcurrent: 2,
      progressIntervalMs: 100,
      resumeOnOpen: true,
      owner: { pid: process.pid, host: hostname() },
      heartbeatMs: 2000,
      staleAfterMs: 30_000,
      debug: false,
      ...options
    }
    this.#unsubscribe = options.session.onDidOpen((project) => {
      for (const active of this.#active.values()) {
        if (active.project.db !== project.db) this.#abort(active, 'shutdown')
      }
      if (this.#options.resumeOnOpen) queueMicrotask(() => this.resumeUnfinished())
    })
  }

  /** Adds a job kind. Register every kind before a project opens so its jobs can resume. */
  register<P>(def: JobKindDef<P>): void {
    if (this.#kinds.has(def.kind)) throw new Error(`Job kind "${def.kind}" is already registered`)
    this.#kinds.set(def.kind, def as JobKindDef<unknown>)
  }

  /**
   * Queues a job from unchecked params (the CLI, tests): they are parsed with the kind's schema.
   * BAD_INPUT for an unknown kind or invalid params.
   */
  start(kind: string, rawParams: unknown): string {
    const def = this.#kind(kind)
    const parsed = def.params.safeParse(rawParams ?? {})
    if (!parsed.success) {
      throw new RpcError(
        'BAD_INPUT',
        `Invalid params for ${kind} job: ${parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`)
          .join('; ')}`
      )
    }
    return this.#insert(def, parsed.data)
  }

  /** Queues a job whose params the router already parsed against the contract's `jobKinds`. */
  startParsed(request: StartJobParsed): string {
    return this.#insert(this.#kind(request.kind), request.params)
  }

  #insert(def: JobKindDef<unknown>, params: unknown): string {
    const project = this.#options.session.require()
    const store = new JobsRepo(project.db)
    const id = `${def.kind}-${randomUUID().slice(0, 8)}`
    store.insert({ id, kind: def.kind, params, createdAt: new Date().toISOString() })
    store.setOwner(id, this.#options.owner, new Date().toISOString())
    this.#enqueue(id, def, project, store, false)
    return id
  }

  /**
   * Resumes one unfinished job of the open project (interrupted, or queued or running in a
   * process that is gone). Returns false when it is finished, already active, or of an
   * unregistered kind.
   * @throws RpcError CONFLICT "job … is running in process N" while its owner is alive.
   */
  resume(id: string): boolean {
    if (this.#active.has(id)) return false
    const project = this.#options.session.require()
    const store = new JobsRepo(project.db)
    const job = store.get(id)
    if (!job || FINISHED_JOB_STATUSES.includes(job.status)) return false
    const def = this.#kinds.get(job.kind)
    if (!def) return false
    const owner = this.liveOwner(id)
    if (owner) {
      const where = owner.host === this.#options.owner.host ? '' : ` on ${owner.host}`
      throw new RpcError('CONFLICT', `job ${id} is running in process ${owner.pid}${where}`, {
        owner
      })
    }
    if (job.status === 'running') store.setStatus(id, 'interrupted')
    store.setOwner(id, this.#options.owner, new Date().toISOString())
    this.#enqueue(id, def, project, store, true)
    return true
  }

  /**
   * The other live process that owns an unfinished job (running it, or holding it queued), or
   * null when none does: finished, never owned, owned by this runner, or its owner is gone (its
   * pid has exited on this host, or its heartbeat is older than `staleAfterMs`).
   */
  liveOwner(id: string): StoredOwner | null {
    if (this.#active.has(id)) return null
    const store = new JobsRepo(this.#options.session.require().db)
    const job = store.get(id)
    if (!job || !['running', 'queued'].includes(job.status)) return null
    const owner = store.owner(id)
    return owner && !this.#ownerIsGone(owner) ? owner : null
  }

  #ownerIsGone(owner: StoredOwner | null): boolean {
    return ownerIsGone(owner, this.#options.owner, this.#options.staleAfterMs, Date.now())
  }

  /** Resumes every unfinished job of a registered kind in the open project; returns their ids. */
  resumeUnfinished(): string[] {
    const project = this.#options.session.current
    if (!project) return []
    const store = new JobsRepo(project.db)
    const resumed: string[] = []
    const gone = (owner: StoredOwner | null): boolean => this.#ownerIsGone(owner)
    for (const job of store.claimUnfinished([...this.#active.keys()], gone)) {
      if (this.#active.has(job.id) || !this.#kinds.has(job.kind)) continue
      if (this.resume(job.id)) resumed.push(job.id)
    }
    return resumed
  }

  /** The newest unfinished job of `kind` whose params equal `params`, if any (for CLI re-runs). */
  findUnfinished(kind: string, params: unknown): StoredJob | null {
    const store = new JobsRepo(this.#options.session.require().db)
    const parsed = this.#kind(kind).params.safeParse(params)
    // Invalid params match nothing; start() then reports them clearly.
    if (!parsed.success) return null
    const wanted = canonicalJson(parsed.data)
    const candidates = store.list({
      status: ['queued', 'running', 'interrupted'],
      kind,
      limit: 500
    })
    return candidates.find((job) => canonicalJson(job.params) === wanted) ?? null
  }

  /** A job with live rates; NOT_FOUND when the open project has no such job. */
  get(id: string): JobDto {
    const active = this.#active.get(id)
    const store = active?.store ?? new JobsRepo(this.#options.session.require().db)
    const job = store.get(id)
    if (!job) throw new RpcError('NOT_FOUND', `No job ${id}`)
    return this.#toDto(job, active)
  }

  list(filter: { status?: readonly JobStatus[]; kind?: string; limit: number }): JobDto[] {
    const store = new JobsRepo(this.#options.session.require().db)
    return store.list(filter).map((job) => this.#toDto(job, this.#active.get(job.id)))
  }

  errors(id: string, offset: number, limit: number) {
    this.get(id)
    return new JobsRepo(this.#options.session.require().db).errors(id, offset, limit)
  }

  /** Cancels a queued or running job; finished jobs are returned unchanged. */
  cancel(id: string): JobDto {
    const active = this.#active.get(id)
    if (!active) {
      const job = this.get(id)
      if (job.status === 'interrupted' || job.status === 'queued') {
        new JobsRepo(this.#options.session.require().db).setStatus(id, 'cancelled', {
          finishedAt: new Date().toISOString()
        })
        return this.get(id)
      }
      return job
    }
    this.#abort(active, 'cancel')
    if (active.status === 'queued') this.#finish(active, 'cancelled', null)
    return this.get(id)
  }

  /** Resolves with the final state once the job leaves queued/running in this process. */
  whenFinished(id: string): Promise<JobDto> {
    const active = this.#active.get(id)
    return active ? active.finished : Promise.resolve(this.get(id))
  }

  /** Stops every job as `interrupted` (they resume on the next open) and waits for them. */
  async dispose(): Promise<void> {
    this.#unsubscribe()
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    this.#heartbeat = null
    const pending = [...this.#active.values()]
    for (const active of pending) {
      this.#abort(active, 'shutdown')
      if (active.status === 'queued') this.#finish(active, 'interrupted', null)
    }
    await Promise.all(pending.map((active) => active.finished))
  }

  #kind(kind: string): JobKindDef<unknown> {
    const def = this.#kinds.get(kind)
    if (!def) {
      throw new RpcError(
        'BAD_INPUT',
        `Unknown job kind "${kind}"; known: ${[...this.#kinds.keys()].join(', ') || 'none'}`
      )
    }
    return def
  }

  #enqueue(
    id: string,
    def: JobKindDef<unknown>,
    project: ProjectHandle,
    store: JobsRepo,
    resumed: boolean
  ): void {
    let resolveFinished!: (job: JobDto) => void
    const finished = new Promise<JobDto>((resolve) => (resolveFinished = resolve))
    const active: Active = {
      id,
      def,
      project,
      store,
      controller: new AbortController(),
      resumed,
      meter: null,
      throttle: null,
      status: 'queued',
      finished,
      resolveFinished
    }
    if (resumed) store.setStatus(id, 'queued')
    this.#active.set(id, active)
    this.#queue.push(active)
    this.#publish('job.progress', active)
    this.#pump()
  }

  #pump(): void {
    for (let i = 0; i < this.#queue.length; i++) {
      const running = [...this.#active.values()].filter((a) => a.status === 'running')
      if (running.length >= this.#options.maxConcurrent) return
      const candidate = this.#queue[i]!
      const sameKind = running.filter((a) => a.def.kind === candidate.def.kind).length
      if (sameKind >= (candidate.def.concurrency ?? 1)) continue
      this.#queue.splice(i, 1)
      i--
      void this.#run(candidate)
    }
  }

  async #run(active: Active): Promise<void> {
    const { store, id } = active
    const before = store.get(id)
    const meter = new ProgressMeter(before?.done ?? 0)
    meter.total = before?.total ?? 0
    meter.message = before?.message ?? null
    meter.stats = before?.stats ?? null
    active.meter = meter
    active.status = 'running'
    const throttle = new Throttle(this.#options.progressIntervalMs, () => {
      try {
        store.saveProgress(id, meter)
      } catch (error) {
        this.#options.log?.(`[jobs] ${id}: progress not saved: ${String(error)}`)
      }
      this.#publish('job.progress', active)
    })
    active.throttle = throttle
    store.setOwner(id, this.#options.owner, new Date().toISOString())
    store.setStatus(id, 'running', {
      startedAt: before?.startedAt ?? new Date().toISOString(),
      finishedAt: null
    })
    this.#startHeartbeat()
    throttle.now()

    const ctx: JobContext<unknown> = {
      jobId: id,
      params: before?.params,
      project: active.project,
      signal: active.controller.signal,
      resumed: active.resumed,
      setTotal: (total) => {
        meter.total = total
        throttle.poke()
      },
      setDone: (done) => {
        meter.done = done
        throttle.poke()
      },
      advance: (units = 1, tokens = 0) => {
        meter.done += units
        meter.tokens += tokens
        throttle.poke()
      },
      setMessage: (message) => {
        meter.message = message
        throttle.poke()
      },
      recordError: (item, reason) => {
        store.addError(id, item, reason, new Date().toISOString())
        throttle.poke()
      },
      setStats: (stats) => {
        meter.stats = stats
        throttle.poke()
      }
    }

    try {
      const stats = await active.def.run(ctx)
      if (stats) meter.stats = stats
      if (active.controller.signal.aborted) throw abortError()
      this.#finish(active, 'completed', null)
    } catch (error) {
      const reason = active.controller.signal.reason as AbortReason | undefined
      if (active.controller.signal.aborted && reason === 'shutdown') {
        this.#finish(active, 'interrupted', null)
      } else if (active.controller.signal.aborted) {
        this.#finish(active, 'cancelled', null)
      } else {
        const message = failureMessage(error)
        // The reason reaches the user with the job; the stack is for whoever asked to debug.
        const detail = this.#options.debug && error instanceof Error ? `\n${error.stack}` : ''
        this.#options.log?.(`[jobs] ${id} failed: ${message}${detail}`)
        this.#finish(active, 'failed', message)
      }
    }
  }

  #finish(active: Active, status: JobStatus, error: string | null): void {
    active.throttle?.cancel()
    const finalStatus = FINISHED_JOB_STATUSES.includes(status)
    const save = (): void => {
      if (active.meter) active.store.saveProgress(active.id, active.meter)
      active.store.setStatus(active.id, status, {
        error,
        ...(finalStatus ? { finishedAt: new Date().toISOString() } : {})
      })
      active.store.clearOwner(active.id)
    }
    let saved = true
    try {
      try {
        save()
      } catch (writeError) {
        // A full disk refuses even the row saying so: give up the space set aside for this.
        if (!isDiskFull(writeError) || !releaseSpaceReserve(active.project.dir)) throw writeError
        save()
      }
    } catch (writeError) {
      // The project was closed under the job (switch or shutdown), or the disk is full: the row
      // stays `running` under an owner that will be gone, and the next open resumes it.
      saved = false
      this.#options.log?.(`[jobs] ${active.id}: final state not saved: ${String(writeError)}`)
    }
    this.#active.delete(active.id)
    const index = this.#queue.indexOf(active)
    if (index >= 0) this.#queue.splice(index, 1)
    let dto: JobDto
    try {
      const stored = this.#toDto(active.store.get(active.id)!, undefined)
      // Unsaved, the stored row still says `running`: report what happened, not that.
      dto = saved ? stored : { ...stored, status, error }
    } catch {
      dto = this.#fallbackDto(active, status, error)
    }
    this.#options.bus.publish('job.progress', dto)
    this.#options.bus.publish('job.finished', dto)
    active.resolveFinished(dto)
    this.#pump()
  }

  /** Renews the heartbeat of every job this runner holds, while it holds any. */
  #startHeartbeat(): void {
    if (this.#heartbeat) return
    this.#heartbeat = setInterval(() => {
      if (this.#active.size === 0) {
        clearInterval(this.#heartbeat!)
        this.#heartbeat = null
        return
      }
      const at = new Date().toISOString()
      const byStore = new Map<JobsRepo, string[]>()
      for (const active of this.#active.values()) {
        byStore.set(active.store, [...(byStore.get(active.store) ?? []), active.id])
      }
      for (const [store, ids] of byStore) {
        try {
          store.heartbeat(ids, this.#options.owner, at)
        } catch (error) {
          this.#options.log?.(`[jobs] heartbeat not saved: ${String(error)}`)
        }
      }
    }, this.#options.heartbeatMs)
    this.#heartbeat.unref()
  }

  #abort(active: Active, reason: AbortReason): void {
    if (!active.controller.signal.aborted) active.controller.abort(reason)
  }

  #publish(topic: 'job.progress', active: Active): void {
    try {
      const job = active.store.get(active.id)
      if (job) this.#options.bus.publish(topic, this.#toDto(job, active))
    } catch (error) {
      this.#options.log?.(`[jobs] ${active.id}: progress not published: ${String(error)}`)
    }
  }

  #toDto(job: StoredJob, active: Active | undefined): JobDto {
    const meter = active?.meter
    const status: JobStatus = active ? active.status : job.status
    const rates = meter
      ? meter.rates()
      : { itemsPerSecond: null, tokensPerSecond: null, etaSeconds: null }
    return {
      ...job,
      status,
      done: meter ? meter.done : job.done,
      total: meter ? meter.total : job.total,
      message: meter ? meter.message : job.message,
      stats: meter ? meter.stats : job.stats,
      unit: this.#kinds.get(job.kind)?.unit ?? 'items',
      ...rates
    }
  }

  #fallbackDto(active: Active, status: JobStatus, error: string | null): JobDto {
    const now = new Date().toISOString()
    return {
      id: active.id,
      kind: active.def.kind,
      status,
      params: null,
      done: active.meter?.done ?? 0,
      total: active.meter?.total ?? 0,
      unit: active.def.unit ?? 'items',
      itemsPerSecond: null,
      tokensPerSecond: null,
      etaSeconds: null,
      message: active.meter?.message ?? null,
      error,
      errorCount: 0,
      stats: active.meter?.stats ?? null,
      createdAt: now,
      startedAt: null,
      finishedAt: now
    }
  }
}

/** A failure as the job records it; a full disk is said in plain words, whatever said it. */
function failureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof DiskFullError || !isDiskFull(error)) return message
  return `no space left on device (${message})`
}

function abortError(): Error {
  const error = new Error('The job was aborted')
  error.name = 'AbortError'
  return error
}

/** JSON with object keys sorted, so equal params compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
        )
      : v
  )
}
