import type { FlipLevelStat, ProjectStatsDto } from '../../src-shared/contract/stats'
import { answersDiffer } from '../../src-shared/domain/answer-normalize'
import { checkAnswer } from '../../src-shared/domain/answer-correctness'
import { integerHistogram, unitHistogram } from '../../src-shared/domain/histogram'
import { RecipeError, describeRecipe, parseRecipe } from '../../src-shared/domain/recipes'
import type { Db } from '../db/open-database'
import { StatsRepo } from './stats-repo'
import type { PairDeltaRow } from './stats-repo'
import { HQ_VARIANT, toleranceOf } from '../../src-shared/domain/variant-keys'
import { tierStats } from './tier-stats'

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

type Tally = { samples: number; flipped: number }

/** Flip counts of single-step recipes grouped by type and strength (chains have no one level). */
function flipsByLevel(flips: ReadonlyMap<string, Tally>): FlipLevelStat[] {
  const levels = new Map<string, FlipLevelStat>()
  for (const [key, tally] of flips) {
    let described
    try {
      described = describeRecipe(parseRecipe(key))
    } catch (error) {
      if (error instanceof RecipeError) continue // a variant key written by an older version
      throw error
    }
    if (described.level === null || described.type === 'chain' || described.type === 'none')
      continue
    const id = `${described.type}:${described.level}`
    const entry = levels.get(id) ?? {
      type: described.type,
      level: described.level,
      samples: 0,
      flipped: 0,
      rate: 0
    }
    entry.samples += tally.samples
    entry.flipped += tally.flipped
    entry.rate = entry.flipped / entry.samples
    levels.set(id, entry)
  }
  return [...levels.values()].sort((a, b) => a.type.localeCompare(b.type) || a.level - b.level)
}

/** What the pair shows after a swap: rejected minus chosen, and P(chosen beats rejected). */
function effective(row: PairDeltaRow) {
  const sign = row.swapped ? -1 : 1
  const flip = (v: number | null) => (v === null ? null : sign * v)
  return {
    tokens: flip(row.delta_tokens),
    words: flip(row.delta_words),
    chars: flip(row.delta_chars),
    judge: row.judge_score === null ? null : row.swapped ? 1 - row.judge_score : row.judge_score
  }
}

const present = (values: Array<number | null>): number[] =>
  values.filter((v): v is number => v !== null)

/**
 * Statistics of a project, read in one pass per table. Flip rates and accuracy use the same
 * normalization and correctness rules as pair building, so the numbers agree with the pairs;
 * pair figures are as the pairs show after any swap, so a histogram bar and the Pairs filter
 * for its range count the same pairs.
 */
export function projectStats(db: Db): ProjectStatsDto {
  const repo = new StatsRepo(db)
  const byStatus = { pending: 0, accepted: 0, rejected: 0 }
  for (const row of repo.pairsByStatus()) byStatus[row.status] = row.n
  const byTier = { '1': 0, '2': 0, '3': 0 }
  for (const row of repo.samplesByTier()) byTier[String(row.tier) as '1'] = row.n
  const pairsByTier = { '1': 0, '2': 0, '3': 0 }
  for (const row of repo.pairsByTier()) pairsByTier[String(row.tier) as '1'] = row.n

  const hq = new Map<string, string>()
  const flips = new Map<string, Tally>()
  const accuracy = new Map<string, { graded: number; correct: number }>()
  for (const row of repo.responses(HQ_VARIANT)) {
    const key = `${row.run_id}:${row.sample_id}`
    if (row.variant_key === HQ_VARIANT) hq.set(key, row.text)
    else if (hq.has(key)) {
      const flip = flips.get(row.variant_key) ?? { samples: 0, flipped: 0 }
      flip.samples++
      if (answersDiffer(hq.get(key)!, row.text)) flip.flipped++
      flips.set(row.variant_key, flip)
    }
    if (row.ground_truth) {
      const graded = accuracy.get(row.variant_key) ?? { graded: 0, correct: 0 }
      graded.graded++
      if (checkAnswer(row.text, row.ground_truth, toleranceOf(row.metadata)).correct)
        graded.correct++
      accuracy.set(row.variant_key, graded)
    }
  }

  const deltas = repo.pairDeltas().map(effective)
  const tokens = present(deltas.map((d) => d.tokens))
  const chars = present(deltas.map((d) => d.chars))
  const judged = present(deltas.map((d) => d.judge))
  const longer = present(deltas.map((d) => d.tokens ?? d.words)).map((d) => (d > 0 ? 1 : 0))
  const longerChars = chars.map((d) => (d > 0 ? 1 : 0))

  return {
    ...repo.counts(),
    pairs: deltas.length,
    by_status: byStatus,
    by_tier: byTier,
    pairs_by_tier: pairsByTier,
    flip_rate_by_recipe: Object.fromEntries(
      [...flips].map(([key, f]) => [key, { ...f, rate: f.flipped / f.samples }])
    ),
    flip_rate_by_level: flipsByLevel(flips),
    length_delta: {
      pairs: deltas.length,
      mean_tokens: mean(tokens),
      median_tokens: median(tokens),
      mean_words: mean(present(deltas.map((d) => d.words))),
      mean_chars: mean(chars),
      share_rejected_longer: mean(longer),
      share_rejected_longer_chars: mean(longerChars)
    },
    length_delta_histogram: { tokens: integerHistogram(tokens), chars: integerHistogram(chars) },
    judge_score_histogram: unitHistogram(judged),
    accuracy_by_variant: Object.fromEntries(
      [...accuracy].map(([key, a]) => [key, { ...a, accuracy: a.correct / a.graded }])
    ),
    ...tierStats(db)
  }
}
