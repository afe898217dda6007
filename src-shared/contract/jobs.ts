import { z } from 'zod'

import { method } from './define'
import { StartJobInput } from './job-kinds'

/** Every state a job can be in. `interrupted`: the process stopped mid-job; it resumes on open. */
export const JobStatus = z.enum([
  'queued',
  'running',
  'completed',
  'failed',
  'cancelled',
  'interrupted'
])
export type JobStatus = z.infer<typeof JobStatus>

/** Statuses a job never leaves. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled']

export const JobId = z.string().min(1).max(100)

/**
 * A job as clients see it. Rates cover the current attempt only (a resumed job does not count the
 * units committed before the restart as fast work); `etaSeconds` is null until a rate is known.
 */
export const JobDto = z.object({
  id: JobId,
  kind: z.string(),
  status: JobStatus,
  params: z.unknown(),
  /** Units committed so far (samples for generate, images for perturb, records for export). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** What a unit is, for display: "samples", "images", "records". */
  unit: z.string(),
  itemsPerSecond: z.number().nonnegative().nullable(),
  tokensPerSecond: z.number().nonnegative().nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
  message: z.string().nullable(),
  /** Why the job failed (status `failed`), or null. */
  error: z.string().nullable(),
  /** How many per-item errors were recorded; read them with jobs.errors. */
  errorCount: z.number().int().nonnegative(),
  /** Kind-specific results (e.g. responses and pairs written), or null. */
  stats: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable()
})
export type JobDto = z.infer<typeof JobDto>

export const JobErrorDto = z.object({
  id: z.number().int(),
  item: z.string(),
  reason: z.string(),
  at: z.string()
})
export type JobErrorDto = z.infer<typeof JobErrorDto>

export const ListJobsInput = z
  .object({
    status: z.array(JobStatus).optional(),
    kind: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(500).default(50)
  })
  .strict()
export type ListJobsInput = z.input<typeof ListJobsInput>

export const JobErrorsInput = z
  .object({
    id: JobId,
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(1000).default(100)
  })
  .strict()
export type JobErrorsInput = z.input<typeof JobErrorsInput>

export const jobsMethods = {
  'jobs.start': method({
    summary:
      'Queues a job of one of the kinds in `jobKinds` and returns its id at once; BAD_INPUT for an unknown kind or invalid params.',
    input: StartJobInput,
    output: z.object({ jobId: JobId })
  }),
  'jobs.list': method({
    summary: 'Jobs of the open project, newest first.',
    input: ListJobsInput,
    output: z.array(JobDto)
  }),
  'jobs.get': method({
    summary: 'One job with its live progress; NOT_FOUND for an unknown id.',
    input: z.object({ id: JobId }).strict(),
    output: JobDto
  }),
  'jobs.cancel': method({
    summary:
      'Cancels a queued or running job; it ends as `cancelled` with its committed work kept. Finished jobs are returned unchanged.',
    input: z.object({ id: JobId }).strict(),
    output: JobDto
  }),
  'jobs.errors': method({
    summary: 'Per-item errors a job recorded (item and reason), oldest first.',
    input: JobErrorsInput,
    output: z.object({ total: z.number().int(), items: z.array(JobErrorDto) })
  })
} as const
