import type { AccuracyDto, EvalFormat } from '../../../../src-shared/contract/judge'
import { bootstrapInterval } from '../../../../src-shared/domain/bootstrap'
import {
  hpdv2Accuracy,
  hpdv2Score,
  imageRewardAccuracy,
  imageRewardPairs
} from '../../../../src-shared/domain/preference-metrics'
import type { PairCount } from '../../../../src-shared/domain/preference-metrics'

/** One evaluated group: human ranks and each scorer's per-image scores. */
export type ScoredGroup = {
  readonly ranks: readonly number[]
  readonly scores: Readonly<Record<Scorer, readonly number[]>>
}

export const SCORERS = ['method', 'random', 'always_first', 'hard_verdict', 'one_order'] as const
export type Scorer = (typeof SCORERS)[number]

export const METRIC_NAMES: Record<EvalFormat, string> = {
  imagereward:
    'ImageReward pairwise accuracy: within-prompt pairs with different human ranks, strict order required (human ties skipped, predicted ties wrong), micro-averaged',
  hpdv2: 'HPD v2 ranking accuracy: per prompt 1 − discordant/(n(n−1)/2), averaged over prompts'
}

/** The published metric of `format` over `groups` for one scorer. */
export function metricOf(
  format: EvalFormat,
  groups: readonly ScoredGroup[],
  scorer: Scorer
): number {
  if (format === 'imagereward')
    return imageRewardAccuracy(groups.map((g) => imageRewardPairs(g.ranks, g.scores[scorer])))
  return hpdv2Accuracy(groups.map((g) => hpdv2Score(g.ranks, g.scores[scorer])))
}

/** Pairs the metric scores: human-ordered pairs (ImageReward) or all pairs (HPD v2). */
export function pairsCounted(format: EvalFormat, groups: readonly ScoredGroup[]): number {
  return groups.reduce((sum, g) => {
    const n = g.ranks.length
    if (format === 'hpdv2') return sum + (n * (n - 1)) / 2
    const counted: PairCount = imageRewardPairs(
      g.ranks,
      g.ranks.map(() => 0)
    )
    return sum + counted.total
  }, 0)
}

/** Accuracy and its bootstrap 95 % interval over groups (resampled with replacement). */
export function accuracyWithInterval(
  format: EvalFormat,
  groups: readonly ScoredGroup[],
  scorer: Scorer,
  options: { rounds: number; seed: number }
): AccuracyDto {
  const accuracy = metricOf(format, groups, scorer)
  const interval = bootstrapInterval(groups, (sample) => metricOf(format, sample, scorer), options)
  return { accuracy: Number.isNaN(accuracy) ? null : accuracy, interval }
}
