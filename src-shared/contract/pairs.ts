import { z } from 'zod'

import {
  ComposeLayout,
  Correctness,
  PairFilter,
  PairOrigin,
  PairSort,
  PairStatus,
  Tier
} from '../domain/pair-filter'
import { CompositionDto } from './compose'
import { method } from './define'
import { ImageDto } from './image'

export const PairId = z.number().int().positive()

export { ImageDto } from './image'

export const RunInfoDto = z.object({
  id: z.number().int(),
  model: z.string(),
  mmproj: z.string().nullable(),
  endpoint: z.string().nullable(),
  /** The generated random-weight test VLM: its answers are meaningless and labelled as such. */
  isTestModel: z.boolean(),
  /** Sampling parameters as recorded at run creation (JSON object). */
  params: z.record(z.string(), z.unknown())
})
export type RunInfoDto = z.infer<typeof RunInfoDto>

export const TierSource = z.enum(['auto', 'user', 'compose', 'import'])
export type TierSource = z.infer<typeof TierSource>

/**
 * One pair as the browser and the review page show it. Every per-answer field describes the
 * answer as it is shown now, after any swap. `chosen`/`rejected` are the effective texts (the
 * person's edit, or else the generated text); `chosenOriginal`/`rejectedOriginal` are the
 * generated texts in the same slots, so `chosen` vs `chosenOriginal` is the person's edit.
 */
export const PairDto = z.object({
  id: PairId,
  sampleId: z.number().int(),
  question: z.string(),
  groundTruth: z.string().nullable(),
  /** The sample's original images, in order. */
  hqImages: z.array(ImageDto),
  /** The LQ variant (`recipeKey`) of each sample image that has one, in order. */
  lqImages: z.array(ImageDto),
  chosen: z.string(),
  rejected: z.string(),
  chosenOriginal: z.string(),
  rejectedOriginal: z.string(),
  chosenEdited: z.boolean(),
  rejectedEdited: z.boolean(),
  swapped: z.boolean(),
  status: PairStatus,
  tier: Tier,
  /** Who set the tier: computed (`auto`), a person (`user`), the composer, or an import. */
  tierSource: TierSource,
  note: z.string().nullable(),
  tags: z.array(z.string()),
  origin: PairOrigin,
  recipeKey: z.string().nullable(),
  perturbType: z.string().nullable(),
  perturbLevel: z.number().nullable(),
  psnr: z.number().nullable(),
  ssim: z.number().nullable(),
  /** Token counts of the effective (after swap) chosen and rejected generated answers. */
  chosenTokens: z.number().int().nullable(),
  rejectedTokens: z.number().int().nullable(),
  /** Rejected minus chosen (after swap): tokens, characters, words. */
  deltaTokens: z.number().int().nullable(),
  deltaChars: z.number().int().nullable(),
  deltaWords: z.number().int().nullable(),
  /** Normalized edit distance between the two answers, 0..1. */
  editDistance: z.number().nullable(),
  /** Correctness against the ground truth of the answer shown as chosen / rejected. */
  chosenCorrect: z.boolean().nullable(),
  rejectedCorrect: z.boolean().nullable(),
  /** Lowest perturbation level at which the answer flipped, when measured. */
  flipLevel: z.number().nullable(),
  /** Judge's probability that chosen beats rejected, 0..1 (after swap). */
  judgeScore: z.number().nullable(),
  /**
   * The judge's audit (after swap): each one-order score is the probability that the answer
   * shown first wins; `reversed` when the judge prefers the answer shown as rejected.
   */
  judge: z
    .object({
      model: z.string(),
      isTestModel: z.boolean(),
      /** P(chosen wins) with the chosen answer shown first; null: no verdict. */
      chosenFirst: z.number().nullable(),
      /** P(rejected wins) with the rejected answer shown first; null: no verdict. */
      rejectedFirst: z.number().nullable(),
      reversed: z.boolean()
    })
    .nullable(),
  run: RunInfoDto.nullable(),
  /**
   * For a composed (S2H) sample: its layout, template, sources in prompt order (target
   * outlined in the UI) and the guided form; absent or null for any other sample.
   */
  composition: CompositionDto.nullable().optional(),
  chosenResponseId: z.number().int().nullable(),
  rejectedResponseId: z.number().int().nullable(),
  /** Bumped by every change; pass it back to `pairs.update` to detect concurrent edits. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type PairDto = z.infer<typeof PairDto>

export const PairPageDto = z.object({
  rows: z.array(PairDto),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** Pairs matching the filter; null when the caller asked for no total. */
  total: z.number().int().nullable()
})
export type PairPageDto = z.infer<typeof PairPageDto>

const FacetValue = <T extends z.ZodType>(value: T) => z.object({ value, count: z.number().int() })

/**
 * Counts per facet value. Each facet is counted under the whole filter except that facet's own
 * constraint, so the other values of a selected facet stay visible with their counts.
 */
export const FacetCountsDto = z.object({
  /** Pairs matching the full filter. */
  total: z.number().int(),
  statuses: z.array(FacetValue(PairStatus)),
  tiers: z.array(FacetValue(Tier)),
  origins: z.array(FacetValue(PairOrigin)),
  perturbTypes: z.array(FacetValue(z.string())),
  chosenCorrect: z.array(FacetValue(Correctness)),
  rejectedCorrect: z.array(FacetValue(Correctness)),
  hasNote: z.array(FacetValue(z.boolean())),
  edited: z.array(FacetValue(z.boolean())),
  /** Pairs on composed samples per layout (absent: none composed). */
  layouts: z.array(FacetValue(ComposeLayout)).optional(),
  /**
   * Pairs per number of images their sample shows (a plain sample's own images, a composed
   * sample's cells), ascending; optional only for answers from older cores.
   */
  imageCounts: z.array(FacetValue(z.number().int())).optional(),
  /** The most frequent tags (at most 100), most frequent first. */
  tags: z.array(FacetValue(z.string()))
})
export type FacetCountsDto = z.infer<typeof FacetCountsDto>

const TagName = z.string().trim().min(1).max(64)
const EditText = z.string().max(100_000)

/** One change to one pair. Edits apply to the answer currently shown in that slot. */
export const PairOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('accept') }).strict(),
  z.object({ op: z.literal('reject') }).strict(),
  /** Back to pending. */
  z.object({ op: z.literal('reset') }).strict(),
  /** Exchanges chosen and rejected (texts, edits, tokens, correctness; judge score → 1 − s). */
  z.object({ op: z.literal('swap') }).strict(),
  /** `text: null` drops the edit and shows the generated answer again. */
  z.object({ op: z.literal('editChosen'), text: EditText.nullable() }).strict(),
  z.object({ op: z.literal('editRejected'), text: EditText.nullable() }).strict(),
  z.object({ op: z.literal('setTier'), tier: Tier }).strict(),
  z.object({ op: z.literal('setNote'), note: z.string().max(10_000).nullable() }).strict(),
  z.object({ op: z.literal('addTag'), tag: TagName }).strict(),
  z.object({ op: z.literal('removeTag'), tag: TagName }).strict()
])
export type PairOp = z.infer<typeof PairOp>

/** Changes that apply to many pairs at once (no text edits; swaps only where the judge disagrees). */
export const BulkOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('accept') }).strict(),
  z.object({ op: z.literal('reject') }).strict(),
  z.object({ op: z.literal('reset') }).strict(),
  z.object({ op: z.literal('setTier'), tier: Tier }).strict(),
  z.object({ op: z.literal('addTag'), tag: TagName }).strict(),
  z.object({ op: z.literal('removeTag'), tag: TagName }).strict(),
  /** Swaps the targeted pairs whose judge prefers the rejected answer (judge score < 0.5). */
  z.object({ op: z.literal('swapReversed') }).strict()
])
export type BulkOp = z.infer<typeof BulkOp>

export const PairEventDto = z.object({
  id: z.number().int(),
  batchId: z.string(),
  pairId: PairId,
  /** The op (`accept`, `editChosen`, …), or `undo` / `redo`. */
  action: z.string(),
  /** Changed fields before and after, e.g. `{status: 'pending'}` → `{status: 'accepted'}`. */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  actor: z.string(),
  /** True while the change is undone (it may still be redone). */
  undone: z.boolean(),
  at: z.string()
})
export type PairEventDto = z.infer<typeof PairEventDto>

/** One undoable step: a batch of events from one update or bulk call. */
export const UndoStepDto = z.object({
  batchId: z.string(),
  action: z.string(),
  count: z.number().int(),
  at: z.string()
})
export type UndoStepDto = z.infer<typeof UndoStepDto>

export const UndoStateDto = z.object({
  undo: UndoStepDto.nullable(),
  redo: UndoStepDto.nullable()
})
export type UndoStateDto = z.infer<typeof UndoStateDto>

export const UndoResultDto = z.object({
  /** The batch that was undone or redone; null when there was nothing to do. */
  batchId: z.string().nullable(),
  affected: z.number().int(),
  /** Ids of the affected pairs, when there are at most 1,000 of them. */
  ids: z.array(PairId).optional(),
  state: UndoStateDto
})
export type UndoResultDto = z.infer<typeof UndoResultDto>

export const PairTarget = z.union([
  z.object({ ids: z.array(PairId).min(1).max(100_000) }).strict(),
  z.object({ filter: PairFilter }).strict()
])
export type PairTarget = z.infer<typeof PairTarget>

export const ListPairsInput = z
  .object({
    filter: PairFilter.default({}),
    sort: PairSort.default({ key: 'id', dir: 'asc' }),
    cursor: z.string().max(1000).nullable().optional(),
    limit: z.number().int().min(1).max(500).default(50),
    /** Count all matches (costs a query); defaults to true on the first page only. */
    withTotal: z.boolean().optional()
  })
  .strict()
export type ListPairsInput = z.input<typeof ListPairsInput>

export const PairNeighborsDto = z.object({
  prev: PairId.nullable(),
  next: PairId.nullable(),
  /** 1-based place of the pair in the filtered order; null when it does not match the filter. */
  position: z.number().int().nullable(),
  total: z.number().int()
})
export type PairNeighborsDto = z.infer<typeof PairNeighborsDto>

export const pairsMethods = {
  'pairs.list': method({
    summary: 'One keyset page of pairs matching a filter, in a stable sort order.',
    input: ListPairsInput,
    output: PairPageDto
  }),
  'pairs.get': method({
    summary: 'One pair by id; NOT_FOUND when it does not exist.',
    input: z.object({ id: PairId }).strict(),
    output: PairDto
  }),
  'pairs.neighbors': method({
    summary: 'Previous and next pair ids around a pair within a filter and sort (review paging).',
    input: z
      .object({
        id: PairId,
        filter: PairFilter.default({}),
        sort: PairSort.default({ key: 'id', dir: 'asc' })
      })
      .strict(),
    output: PairNeighborsDto
  }),
  'pairs.facets': method({
    summary: 'Counts per facet value under a filter (each facet ignores its own constraint).',
    input: z.object({ filter: PairFilter.default({}) }).strict(),
    output: FacetCountsDto
  }),
  'pairs.update': method({
    summary:
      'Applies one change to one pair as one undoable step; CONFLICT when `version` is stale.',
    input: z.object({ id: PairId, version: z.number().int().optional(), op: PairOp }).strict(),
    output: z.object({
      pair: PairDto,
      /** Null when the op changed nothing (e.g. accepting an accepted pair). */
      batchId: z.string().nullable()
    })
  }),
  'pairs.bulk': method({
    summary:
      'Applies one change to explicit ids or to every pair matching a filter, in one transaction and one undoable step.',
    input: z.object({ target: PairTarget, op: BulkOp }).strict(),
    output: z.object({ affected: z.number().int(), batchId: z.string().nullable() })
  }),
  'pairs.undo': method({
    summary: 'Undoes the latest user change (one update or one bulk call).',
    input: z.object({}).strict(),
    output: UndoResultDto
  }),
  'pairs.redo': method({
    summary: 'Redoes the latest undone change; a new change after an undo clears the redo stack.',
    input: z.object({}).strict(),
    output: UndoResultDto
  }),
  'pairs.undoState': method({
    summary: 'What undo and redo would do next.',
    input: z.object({}).strict(),
    output: UndoStateDto
  }),
  'pairs.history': method({
    summary: 'Every event of one pair, oldest first.',
    input: z.object({ id: PairId }).strict(),
    output: z.array(PairEventDto)
  })
} as const
