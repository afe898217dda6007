/**
 * MIA-DPO's post-selection of prompt-driven pairs (methods.md §4, §7): pairs are dropped when
 * the rejected answer was produced with too little uncertainty (perplexity from its logprobs),
 * when one answer is many times longer than the other, or when the two barely differ (edit
 * distance). Every threshold is optional; the thresholds MIA-DPO's README names are not
 * published, so none is on by default (the released code keeps perplexity > 1.1).
 */
export type PostFilters = {
  /** Keep only pairs whose rejected answer has at least this perplexity (MIA-DPO code: 1.1). */
  readonly minRejectedPerplexity?: number
  /** Drop pairs whose longer answer has more than this many times the shorter's characters. */
  readonly maxLengthRatio?: number
  /** Drop pairs whose normalized edit distance (0..1) is below this. */
  readonly minEditDistance?: number
}

export const POST_FILTER_NAMES = ['perplexity', 'length_ratio', 'edit_distance'] as const
export type PostFilterName = (typeof POST_FILTER_NAMES)[number]

/** exp of the mean negative logprob of the emitted tokens; null without any. */
export function perplexity(logprobs: readonly number[]): number | null {
  const finite = logprobs.filter((l) => Number.isFinite(l))
  if (finite.length === 0) return null
  const mean = finite.reduce((sum, l) => sum + l, 0) / finite.length
  return Math.max(1, Math.exp(-mean))
}

/** Characters of the longer answer over the shorter's (trimmed); Infinity when one is empty. */
export function lengthRatio(a: string, b: string): number {
  const la = a.trim().length
  const lb = b.trim().length
  if (la === 0 && lb === 0) return 1
  if (la === 0 || lb === 0) return Infinity
  return Math.max(la, lb) / Math.min(la, lb)
}

/**
 * The first filter that removes a pair, or null when it is kept. A perplexity that is unknown
 * (the endpoint returned no logprobs) cannot be judged, so that filter keeps the pair.
 */
export function postSelection(
  pair: {
    readonly chosen: string
    readonly rejected: string
    readonly rejectedPerplexity: number | null
    readonly editDistance: number
  },
  filters: PostFilters
): PostFilterName | null {
  if (
    filters.minRejectedPerplexity !== undefined &&
    pair.rejectedPerplexity !== null &&
    pair.rejectedPerplexity < filters.minRejectedPerplexity
  ) {
    return 'perplexity'
  }
  if (
    filters.maxLengthRatio !== undefined &&
    lengthRatio(pair.chosen, pair.rejected) > filters.maxLengthRatio
  ) {
    return 'length_ratio'
  }
  if (filters.minEditDistance !== undefined && pair.editDistance < filters.minEditDistance) {
    return 'edit_distance'
  }
  return null
}
