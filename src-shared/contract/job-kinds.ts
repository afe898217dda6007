import { z } from 'zod'

import { ComposeParams } from './compose'
import { DatasetImportParams, ExportJobParams } from './exports'
import { GenerateParams } from './generate'
import { ImportJobParams } from './ingest'
import { EvalPrefsParams, JudgeParams, RankParams } from './judge'
import { PerturbParams } from './perturb'

/**
 * Every job kind the core runs, with the schema of its parameters. `jobs.start` takes
 * `{ kind, params }` checked against this table once, at the router; the core's job
 * definitions take their parameter types from here, so a kind cannot drift from its contract.
 */
export const jobKinds = {
  import: ImportJobParams,
  perturb: PerturbParams,
  generate: GenerateParams,
  export: ExportJobParams,
  'dataset-import': DatasetImportParams,
  judge: JudgeParams,
  rank: RankParams,
  'eval-prefs': EvalPrefsParams,
  compose: ComposeParams
} as const

export type JobKind = keyof typeof jobKinds
export const JOB_KINDS = Object.keys(jobKinds) as JobKind[]

/** What a caller passes for a kind (defaults may be left out). */
export type JobParamsInput<K extends JobKind> = z.input<(typeof jobKinds)[K]>
/** What a job of that kind runs with (defaults filled in). */
export type JobParamsOf<K extends JobKind> = z.output<(typeof jobKinds)[K]>

type StartOf<K extends JobKind> = { kind: K; params: JobParamsInput<K> }
type StartedOf<K extends JobKind> = { kind: K; params: JobParamsOf<K> }
export type StartJobInput = { [K in JobKind]: StartOf<K> }[JobKind]
export type StartJobParsed = { [K in JobKind]: StartedOf<K> }[JobKind]

/** `{ kind, params }` for any kind of the table; an unknown kind names the known ones. */
export const StartJobInput = z.discriminatedUnion(
  'kind',
  JOB_KINDS.map((kind) =>
    z.object({ kind: z.literal(kind), params: jobKinds[kind] }).strict()
  ) as unknown as [z.ZodObject, ...z.ZodObject[]]
) as unknown as z.ZodType<StartJobParsed, StartJobInput>
