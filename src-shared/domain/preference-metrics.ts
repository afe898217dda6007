/**
 * The published accuracy metrics of the two human-preference test sets, exactly as their
 * reference code computes them (methods.md §2).
 */

/** Pairs one group contributes to the ImageReward accuracy. */
export type PairCount = { readonly correct: number; readonly total: number }

/**
 * ImageReward (`test.py`): every within-prompt pair with different human ranks counts (rank 1
 * is best); it is correct only if the scores strictly order it the same way. Human ties are
 * skipped; predicted ties are wrong.
 */
export function imageRewardPairs(ranking: readonly number[], scores: readonly number[]): PairCount {
  if (ranking.length !== scores.length) throw new Error('ranking and scores differ in length')
  let correct = 0
  let total = 0
  for (let i = 0; i < ranking.length; i++) {
    for (let j = i + 1; j < ranking.length; j++) {
      const ri = ranking[i]!
      const rj = ranking[j]!
      if (ri === rj) continue
      total++
      const better = ri < rj ? i : j
      const worse = ri < rj ? j : i
      if (scores[better]! > scores[worse]!) correct++
    }
  }
  return { correct, total }
}

/** Micro-average over groups: all counted pairs pooled. NaN when no pair counts. */
export function imageRewardAccuracy(groups: readonly PairCount[]): number {
  let correct = 0
  let total = 0
  for (const g of groups) {
    correct += g.correct
    total += g.total
  }
  return total > 0 ? correct / total : Number.NaN
}

/**
 * Predicted 0-based ranks from scores, best (highest) first; equal scores keep their listed
 * order (the reference sorts with argsort, which gives tied scores distinct ranks).
 */
export function ranksFromScores(scores: readonly number[]): number[] {
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i)
  const ranks = new Array<number>(scores.length)
  order.forEach((o, rank) => (ranks[o.i] = rank))
  return ranks
}

/**
 * HPD v2 (`hpsv2/evaluation.py`, `inversion_score`): for one prompt, `1 − discordant / (n(n−1)/2)`
 * over all pairs, where a pair is discordant when the predicted ranks and the human (averaged)
 * ranks order it in opposite directions; human ties are never discordant. Lower rank is better
 * in both. Groups of fewer than 2 images are undefined (NaN).
 */
export function hpdv2Score(humanRanks: readonly number[], scores: readonly number[]): number {
  if (humanRanks.length !== scores.length) throw new Error('ranks and scores differ in length')
  const n = humanRanks.length
  if (n < 2) return Number.NaN
  const predicted = ranksFromScores(scores)
  let discordant = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const p = predicted[i]! - predicted[j]!
      const h = humanRanks[i]! - humanRanks[j]!
      if ((p > 0 && h < 0) || (p < 0 && h > 0)) discordant++
    }
  }
  return 1 - discordant / ((n * (n - 1)) / 2)
}

/** Macro-average over prompts of the per-prompt HPD v2 score. */
export function hpdv2Accuracy(perPrompt: readonly number[]): number {
  if (!perPrompt.length) return Number.NaN
  return perPrompt.reduce((a, b) => a + b, 0) / perPrompt.length
}
