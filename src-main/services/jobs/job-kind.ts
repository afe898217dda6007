import type { z } from 'zod'

import { jobKinds } from '../../../src-shared/contract/job-kinds'
import type { JobKind, JobParamsOf } from '../../../src-shared/contract/job-kinds'

import type { ProjectHandle } from '../project/project-folder'

/**
 * What a job's body sees. Everything reported here is persisted (throttled) and pushed as
 * `job.progress`; per-item errors are committed at once.
 */
export type JobContext<P> = {
  readonly jobId: string
  readonly params: P
  readonly project: ProjectHandle
  /** Aborted on cancel (job ends `cancelled`) or shutdown (job ends `interrupted`). */
  readonly signal: AbortSignal
  /** True when this attempt continues a job that an earlier process or attempt started. */
  readonly resumed: boolean
  setTotal(total: number): void
  /** Sets the committed unit count (a resumed job sets what it finds already committed). */
  setDone(done: number): void
  /** Adds committed units and the tokens they produced. */
  advance(units?: number, tokens?: number): void
  setMessage(message: string | null): void
  /** Records that one item failed and why; the job goes on. */
  recordError(item: string, reason: string): void
  /** Kind-specific results shown with the job (counts written, output path…). */
  setStats(stats: Record<string, unknown>): void
}

/**
 * A kind of job as the runner knows it. The core's kinds come from `defineJobKind`, which takes
 * the params schema from the contract's `jobKinds`; tests may hand the runner kinds of their own.
 *
 * `run` must be resumable: it is called again with the same params after a crash or restart
 * and has to skip work it already committed. It returns its final stats (or nothing); it throws
 * to fail the job, and should stop promptly when `ctx.signal` aborts.
 */
export type JobKindDef<P = unknown> = {
  readonly kind: string
  readonly params: z.ZodType<P>
  /** Display unit of `done`/`total`; default "items". */
  readonly unit?: string
  /** At most this many jobs of this kind run at once; default 1. */
  readonly concurrency?: number
  run(ctx: JobContext<P>): Promise<Record<string, unknown> | void>
}

/** A contract job kind: its params schema and type come from `jobKinds[kind]`. */
export function defineJobKind<K extends JobKind>(
  kind: K,
  body: Omit<JobKindDef<JobParamsOf<K>>, 'kind' | 'params'>
): JobKindDef<JobParamsOf<K>> {
  return { kind, params: jobKinds[kind] as unknown as z.ZodType<JobParamsOf<K>>, ...body }
}
