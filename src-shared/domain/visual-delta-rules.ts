import { answersDiffer } from './answer-normalize'
import { checkAnswer } from './answer-correctness'
import type { CorrectnessOptions } from './answer-correctness'

/** Pair-building modes of the visual-deltas method (DESIGN §1.1). */
export const PAIR_MODES = ['label-free', 'label-based'] as const
export type PairMode = (typeof PAIR_MODES)[number]

export type PairDecision =
  | {
      readonly keep: true
      readonly chosenCorrect: boolean | null
      readonly rejectedCorrect: boolean | null
    }
  | { readonly keep: false; readonly reason: string }

/**
 * Whether an HQ answer and an LQ answer form a pair (chosen HQ, rejected LQ).
 * - label-free: the answers differ after normalization; correctness is filled in when a ground
 *   truth exists, null otherwise.
 * - label-based: a ground truth is required; chosen must be correct and rejected wrong.
 */
export function decidePair(input: {
  mode: PairMode
  hq: string
  lq: string
  groundTruth?: string | null
  tolerance?: CorrectnessOptions
}): PairDecision {
  const truth = input.groundTruth?.trim() ? input.groundTruth : null
  const hqCorrect = truth ? checkAnswer(input.hq, truth, input.tolerance).correct : null
  const lqCorrect = truth ? checkAnswer(input.lq, truth, input.tolerance).correct : null
  if (input.mode === 'label-free') {
    if (!answersDiffer(input.hq, input.lq)) return { keep: false, reason: 'same answer' }
    return { keep: true, chosenCorrect: hqCorrect, rejectedCorrect: lqCorrect }
  }
  if (truth === null) return { keep: false, reason: 'no ground truth' }
  if (!hqCorrect) return { keep: false, reason: 'HQ answer is wrong' }
  if (lqCorrect) return { keep: false, reason: 'LQ answer is right' }
  return { keep: true, chosenCorrect: true, rejectedCorrect: false }
}

/**
 * Degradation types whose strength falls as the level rises (JPEG quality: 90 is milder than 10).
 * For every other type a higher level is a stronger degradation.
 */
const MILDER_WHEN_HIGHER = new Set(['jpeg'])

/**
 * The flip level of one degradation type: the mildest level at which the LQ answer differed
 * from the HQ answer, or null when no level changed it. Levels of other types are ignored.
 */
export function flipLevel(
  type: string,
  outcomes: ReadonlyArray<{ type: string; level: number | null; changed: boolean }>
): number | null {
  const levels = outcomes
    .filter((o) => o.type === type && o.changed && o.level !== null)
    .map((o) => o.level as number)
  if (levels.length === 0) return null
  return MILDER_WHEN_HIGHER.has(type) ? Math.max(...levels) : Math.min(...levels)
}
