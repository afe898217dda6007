import { z } from 'zod'

/**
 * The pair filter: one model for the UI (chips, URL), the RPC contract and the SQL compiler in
 * src-main/store/pair-filter-sql.ts. Every field is optional; an absent field or an empty list
 * means "no constraint". Fields combine with AND; values inside one list combine with OR.
 */

export const PAIR_STATUSES = ['pending', 'accepted', 'rejected'] as const
export const PairStatus = z.enum(PAIR_STATUSES)
export type PairStatus = z.infer<typeof PairStatus>

export const PAIR_ORIGINS = ['visual-delta', 'prompt-complexity', 'import', 'manual'] as const
export const PairOrigin = z.enum(PAIR_ORIGINS)
export type PairOrigin = z.infer<typeof PairOrigin>

export const TIERS = [1, 2, 3] as const
export const Tier = z.union([z.literal(1), z.literal(2), z.literal(3)])
export type Tier = z.infer<typeof Tier>

/** How a composed (S2H) sample shows its images (see contract/compose.ts). */
export const COMPOSE_LAYOUTS = ['sequence', 'grid', 'pip'] as const
export const ComposeLayout = z.enum(COMPOSE_LAYOUTS)
export type ComposeLayout = z.infer<typeof ComposeLayout>

/** Whether an answer matches the ground truth; `unknown` when no check was made. */
export const CORRECTNESS = ['correct', 'wrong', 'unknown'] as const
export const Correctness = z.enum(CORRECTNESS)
export type Correctness = z.infer<typeof Correctness>

/** Inclusive numeric range; either bound may be absent. */
export const NumRange = z
  .object({ min: z.number().finite().optional(), max: z.number().finite().optional() })
  .strict()
export type NumRange = z.infer<typeof NumRange>

const Tag = z.string().trim().min(1).max(64)

export const PairFilter = z
  .object({
    tiers: z.array(Tier).max(3).optional(),
    statuses: z.array(PairStatus).max(3).optional(),
    origins: z.array(PairOrigin).max(4).optional(),
    /** Perturbation type of the LQ variant (`jpeg`, `blur`, `downscale`, `noise`, …). */
    perturbTypes: z.array(z.string().min(1).max(64)).max(32).optional(),
    perturbLevel: NumRange.optional(),
    /** Rejected minus chosen, in tokens (positive: the rejected answer is longer). */
    deltaTokens: NumRange.optional(),
    /** Rejected minus chosen, in characters (positive: the rejected answer is longer). */
    deltaChars: NumRange.optional(),
    /** Judge's probability that chosen beats rejected, 0..1. Pairs with no score never match. */
    judgeScore: NumRange.optional(),
    /** Correctness of the answer shown as chosen (after swap). */
    chosenCorrect: z.array(Correctness).max(3).optional(),
    /** Correctness of the answer shown as rejected (after swap). */
    rejectedCorrect: z.array(Correctness).max(3).optional(),
    /** Any-of: a pair matches when it carries at least one of these tags. */
    tags: z.array(Tag).max(50).optional(),
    hasNote: z.boolean().optional(),
    /** Whether either answer was edited by a person. */
    edited: z.boolean().optional(),
    runIds: z.array(z.number().int().positive()).max(50).optional(),
    /** Layout of the pair's composed sample; pairs on other samples never match. */
    layouts: z.array(ComposeLayout).max(3).optional(),
    /**
     * Images the pair's sample shows: a composed sample's images (a grid's cells count one
     * each), any other sample's own images (one for a plain visual-delta pair).
     */
    imageCounts: z.array(z.number().int().min(1).max(64)).max(64).optional(),
    sampleId: z.number().int().positive().optional(),
    /**
     * Full-text query over the question and both effective answers. Words are ANDed and each
     * matches as a prefix, case- and accent-insensitively; `"quoted words"` match as a phrase.
     */
    text: z.string().max(500).optional()
  })
  .strict()
export type PairFilter = z.infer<typeof PairFilter>

export const PAIR_SORT_KEYS = [
  'id',
  'created',
  'updated',
  'deltaTokens',
  'judgeScore',
  'editDistance'
] as const
export const PairSortKey = z.enum(PAIR_SORT_KEYS)
export type PairSortKey = z.infer<typeof PairSortKey>

/**
 * Sort order. Ties break on id in the same direction. Pairs with no value for the key (no judge
 * score yet, say) always come last, whatever the direction.
 */
export const PairSort = z.object({ key: PairSortKey, dir: z.enum(['asc', 'desc']) }).strict()
export type PairSort = z.infer<typeof PairSort>

export const DEFAULT_PAIR_SORT: PairSort = { key: 'id', dir: 'asc' }

/** Keyset cursor: the sort value and id of the last row of the previous page. Opaque to the UI. */
export type PairCursor = { readonly value: number | string | null; readonly id: number }

export function encodePairCursor(cursor: PairCursor): string {
  return JSON.stringify([cursor.value, cursor.id])
}

/** Parses a cursor made by `encodePairCursor`; null when it is malformed. */
export function decodePairCursor(raw: string): PairCursor | null {
  try {
    const parsed: unknown = JSON.parse(raw)
    if (!Array.isArray(parsed) || parsed.length !== 2) return null
    const [value, id] = parsed as [unknown, unknown]
    if (typeof id !== 'number' || !Number.isInteger(id)) return null
    if (value !== null && typeof value !== 'number' && typeof value !== 'string') return null
    return { value, id }
  } catch {
    return null
  }
}

/** Drops empty lists, empty ranges and blank text so equal filters compare (and cache) equal. */
export function normalizePairFilter(filter: PairFilter): PairFilter {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      if (value.length === 0) continue
      const unique = [...new Set(value as Array<string | number>)]
      out[key] = unique.sort((a, b) =>
        typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
      )
    } else if (typeof value === 'object') {
      const range = value as NumRange
      if (range.min === undefined && range.max === undefined) continue
      out[key] = { ...range }
    } else if (typeof value === 'string') {
      if (value.trim() === '') continue
      out[key] = value.trim()
    } else {
      out[key] = value
    }
  }
  return out as PairFilter
}

/** True when the filter constrains nothing. */
export function isEmptyPairFilter(filter: PairFilter): boolean {
  return Object.keys(normalizePairFilter(filter)).length === 0
}
