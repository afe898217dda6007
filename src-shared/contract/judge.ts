import { z } from 'zod'

import { PairFilter } from '../domain/pair-filter'
import { method } from './define'

/** Where a judge job's requests go (as for `generate`): a local model, the test model, or endpoints. */
const JudgeTargetFields = {
  model: z.string().min(1).optional(),
  mmproj: z.string().min(1).optional(),
  /** The generated tiny test VLM (random weights: its verdicts are meaningless). */
  testModel: z.boolean().default(false),
  endpoints: z
    .array(
      z
        .object({
          url: z.string().url(),
          apiKey: z.string().optional(),
          capacity: z.number().int().min(1).max(256).optional()
        })
        .strict()
    )
    .max(32)
    .default([]),
  /**
   * Inside the studio: send judgements to its endpoint pool (the running sidecar and the
   * endpoints added on the Models page), as many at once as the pool has free slots.
   */
  pool: z.boolean().default(false),
  /** Sidecar slots (`-np`) and requests kept in flight. */
  parallel: z.number().int().min(1).max(64).default(2),
  ctxPerSlot: z.number().int().min(256).max(131072).default(2048),
  gpuLayers: z.union([z.number().int().nonnegative(), z.literal('all')]).optional(),
  /** Alternatives read per verdict token; both verdict labels must be among them. */
  topLogprobs: z.number().int().min(1).max(1000).default(20)
}

type TargetShape = {
  model?: string
  mmproj?: string
  testModel: boolean
  pool: boolean
  endpoints: unknown[]
}

function refineTarget(p: TargetShape, ctx: z.RefinementCtx): void {
  if (!p.model && !p.testModel && !p.pool && p.endpoints.length === 0)
    ctx.addIssue({
      code: 'custom',
      message: 'give a model (with its mmproj), the test model, or an endpoint'
    })
  if (p.testModel && p.model)
    ctx.addIssue({ code: 'custom', path: ['model'], message: 'choose a model or the test model' })
  if (p.model && !p.mmproj)
    ctx.addIssue({ code: 'custom', path: ['mmproj'], message: 'a local VLM needs its mmproj file' })
}

/** `judge` job: audits the pairs matching a filter (both orders per pair). */
export const JudgeParams = z
  .object({
    ...JudgeTargetFields,
    filter: PairFilter.default({}),
    /** Only these pairs (a selection), still narrowed by `filter`. */
    pairIds: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
    /** Judge again pairs this model already judged. */
    rejudge: z.boolean().default(false)
  })
  .strict()
  .superRefine(refineTarget)
export type JudgeParams = z.output<typeof JudgeParams>

export const PromptSetItem = z
  .object({
    prompt: z.string().trim().min(1).max(10_000),
    /** Image files; relative paths resolve against the prompt set's folder. */
    images: z.array(z.string().min(1)).max(1000)
  })
  .strict()
export type PromptSetItem = z.infer<typeof PromptSetItem>

/** `rank` job: ranks the images of each prompt of a prompt-set file and keeps preference pairs. */
export const RankParams = z
  .object({
    ...JudgeTargetFields,
    /** A JSON list (or JSONL) of `{prompt, images[]}`. */
    promptSet: z.string().min(1),
    /** Beyond this many images a prompt compares a regular tournament instead of all pairs. */
    allPairsUpTo: z.number().int().min(2).max(64).default(12),
    /** Comparisons per image in a tournament. */
    degree: z.number().int().min(2).max(64).default(6),
    /** `best-worst`: one pair per prompt; `margin`: every pair whose BT margin exceeds `margin`. */
    pairs: z.enum(['best-worst', 'margin']).default('best-worst'),
    margin: z.number().min(0).default(1),
    seed: z.number().int().nonnegative().default(1)
  })
  .strict()
  .superRefine(refineTarget)
export type RankParams = z.output<typeof RankParams>

export const EVAL_FORMATS = ['imagereward', 'hpdv2'] as const
export const EvalFormat = z.enum(EVAL_FORMATS)
export type EvalFormat = z.infer<typeof EvalFormat>

/** `eval-prefs` job: accuracy of the judge on a published human-preference test set. */
export const EvalPrefsParams = z
  .object({
    ...JudgeTargetFields,
    testFile: z.string().min(1),
    format: EvalFormat,
    imagesDir: z.string().min(1),
    /** Groups read at most (first ones), for a quick look. */
    limit: z.number().int().positive().optional(),
    allPairsUpTo: z.number().int().min(2).max(64).default(12),
    degree: z.number().int().min(2).max(64).default(6),
    bootstrapRounds: z.number().int().min(10).max(100_000).default(1000),
    seed: z.number().int().nonnegative().default(1)
  })
  .strict()
  .superRefine(refineTarget)
export type EvalPrefsParams = z.output<typeof EvalPrefsParams>

export const IntervalDto = z.object({ low: z.number(), high: z.number() })

/** One accuracy figure with its bootstrap 95 % interval (null when undefined). */
export const AccuracyDto = z.object({
  accuracy: z.number().nullable(),
  interval: IntervalDto.nullable()
})
export type AccuracyDto = z.infer<typeof AccuracyDto>

export const BASELINE_NAMES = ['random', 'always_first', 'hard_verdict', 'one_order'] as const

/** Published figures shown beside a result (methods.md §2), in percent. */
export const PUBLISHED_REFERENCES = [
  { name: 'Soft-reward VLM (arXiv 2503.19948)', imagereward: 64.9, hpdv2: 65.4 },
  { name: 'HPS v2', imagereward: 65.7, hpdv2: 83.3 },
  { name: 'ImageReward', imagereward: 65.1, hpdv2: 74.0 },
  { name: 'Single human', imagereward: 65.3, hpdv2: 78.1 }
] as const

/**
 * An evaluation report; the object `delta-studio eval-prefs --json` prints. `accuracy` is the
 * published metric of `format` for the soft both-order judge aggregated by Bradley–Terry.
 */
export const EvalReportDto = z.object({
  format: EvalFormat,
  test_file: z.string(),
  model: z.string(),
  is_test_model: z.boolean(),
  metric: z.string(),
  accuracy: z.number().nullable(),
  interval: IntervalDto.nullable(),
  /** ImageReward: human-ordered pairs counted; HPD v2: all within-prompt pairs scored. */
  pairs: z.number().int(),
  groups: z.number().int(),
  groups_total: z.number().int(),
  judgements: z.number().int(),
  no_verdict: z.number().int(),
  /** Mean position bias over comparisons answered in both orders (−0.5..0.5). */
  order_effect: z.number().nullable(),
  baselines: z.object({
    random: AccuracyDto,
    always_first: AccuracyDto,
    hard_verdict: AccuracyDto,
    one_order: AccuracyDto
  }),
  skipped: z.object({
    groups: z.number().int(),
    /** Reason → count. */
    reasons: z.record(z.string(), z.number().int())
  }),
  references: z.array(z.object({ name: z.string(), imagereward: z.number(), hpdv2: z.number() })),
  caveat: z.string().nullable(),
  seconds: z.number()
})
export type EvalReportDto = z.infer<typeof EvalReportDto>

export const EvalReportSummaryDto = z.object({
  id: z.number().int(),
  format: EvalFormat,
  testFile: z.string(),
  model: z.string(),
  isTestModel: z.boolean(),
  accuracy: z.number().nullable(),
  createdAt: z.string()
})
export type EvalReportSummaryDto = z.infer<typeof EvalReportSummaryDto>

export const RankedImageDto = z.object({
  /** Place in the prompt set's image list. */
  position: z.number().int(),
  /** The path as the prompt set wrote it. */
  label: z.string(),
  sha256: z.string(),
  /** Bradley–Terry log-strength (mean 0). */
  score: z.number(),
  /** 1 = best. */
  rank: z.number().int()
})

export const RankingSummaryDto = z.object({
  id: z.number().int(),
  prompt: z.string(),
  model: z.string(),
  isTestModel: z.boolean(),
  images: z.number().int(),
  comparisons: z.number().int(),
  noVerdict: z.number().int(),
  createdAt: z.string()
})
export type RankingSummaryDto = z.infer<typeof RankingSummaryDto>

export const RankingDto = RankingSummaryDto.extend({
  orderEffect: z.number().nullable(),
  /** Images best first. */
  ranked: z.array(RankedImageDto),
  /** `wins[i][j]`: soft wins of image position i over position j (input order). */
  wins: z.array(z.array(z.number())),
  pairs: z.array(
    z.object({ chosen: z.number().int(), rejected: z.number().int(), margin: z.number() })
  )
})
export type RankingDto = z.infer<typeof RankingDto>

export const JUDGE_TEMPLATE_NAMES = ['judge-answers', 'judge-images'] as const
export const JudgeTemplateName = z.enum(JUDGE_TEMPLATE_NAMES)

/**
 * The markers each judge template must keep (`{{name}}`): text ones are replaced by their value,
 * image ones by the images. Shared so the core's check and the editor's list cannot disagree.
 */
export const JUDGE_TEMPLATE_MARKERS = {
  'judge-answers': { text: ['question', 'answer_a', 'answer_b'], images: ['images'] },
  'judge-images': { text: ['prompt'], images: ['image_a', 'image_b'] }
} as const satisfies Record<
  (typeof JUDGE_TEMPLATE_NAMES)[number],
  { text: readonly string[]; images: readonly string[] }
>

export const JudgeTemplateDto = z.object({
  name: JudgeTemplateName,
  body: z.string(),
  /** `project` when the project keeps its own version over the shipped file. */
  source: z.enum(['shipped', 'project'])
})
export type JudgeTemplateDto = z.infer<typeof JudgeTemplateDto>

export const judgeMethods = {
  'judge.templates': method({
    summary:
      'The judge prompt templates in force for the open project (its own or the shipped ones).',
    input: z.object({}).strict(),
    output: z.array(JudgeTemplateDto)
  }),
  'judge.setTemplate': method({
    summary:
      'Keeps a project version of a judge prompt (BAD_INPUT when a required marker is missing); `body: null` returns to the shipped one.',
    input: z.object({ name: JudgeTemplateName, body: z.string().max(100_000).nullable() }).strict(),
    output: JudgeTemplateDto
  }),
  'judge.rankings': method({
    summary: 'Ranked prompts of the open project, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(RankingSummaryDto)
  }),
  'judge.ranking': method({
    summary: 'One ranked prompt: images best first with scores, the wins matrix and its pairs.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: RankingDto
  }),
  'judge.reports': method({
    summary: 'Evaluation reports of the open project, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(EvalReportSummaryDto)
  }),
  'judge.report': method({
    summary: 'One evaluation report.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ id: z.number().int(), createdAt: z.string(), report: EvalReportDto })
  })
} as const
