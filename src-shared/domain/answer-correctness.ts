import { extractNumbers, normalizeAnswer } from './answer-normalize'

/** Which rule decided a correctness check. */
export type CorrectnessRule = 'exact' | 'numeric' | 'option' | 'contains' | 'none'

export type CorrectnessResult = { readonly correct: boolean; readonly rule: CorrectnessRule }

export type CorrectnessOptions = {
  /**
   * Numeric tolerance: an answer is right when |answer − truth| ≤ max(absolute, relative·|truth|).
   * Defaults: absolute 1e-9, relative 0 (exact after number normalization).
   */
  readonly absoluteTolerance?: number
  readonly relativeTolerance?: number
  /** Longest answer (in words) that may be judged by containing the truth; default 12. */
  readonly maxContainWords?: number
}

const OPTION_ONLY = /^\(?([a-h])\)?[.:)]?$/i
const OPTION_AT_START = /^\(?([a-h])\)?(?:[.:)]\s|\s*$)/i
const OPTION_STATED = /\b(?:answer|option|choice)\s*(?:is|:)?\s*\(?([a-h])\)?(?![\p{L}\p{N}])/iu
const NEGATION = /\b(?:not|no|never|neither|nor|isn't|aren't|cannot|can't)\b/i

/** The option letter of a multiple-choice truth such as "B", "(b)" or "B." — else null. */
export function optionLetter(truth: string): string | null {
  const match = OPTION_ONLY.exec(truth.trim())
  return match ? match[1]!.toUpperCase() : null
}

/** The option letter an answer picks ("B", "(B) red", "The answer is B.") — else null. */
export function pickedOption(answer: string): string | null {
  const text = answer.trim()
  const match = OPTION_AT_START.exec(text) ?? OPTION_STATED.exec(text)
  return match ? match[1]!.toUpperCase() : null
}

/**
 * Checks an answer against a ground truth, in order:
 * 1. option letter, when the truth is a single letter A–H (the answer's picked letter must match);
 * 2. exact match after normalization;
 * 3. numeric, when the truth is one number: the answer's first number within tolerance;
 * 4. containment: the normalized truth appears word-bounded in a short answer (≤ maxContainWords)
 *    that has no negation word ("not red" never counts as "red").
 * Returns the deciding rule, `none` when no rule matched (the answer is wrong).
 */
export function checkAnswer(
  answer: string,
  truth: string,
  options: CorrectnessOptions = {}
): CorrectnessResult {
  const letter = optionLetter(truth)
  if (letter) return { correct: pickedOption(answer) === letter, rule: 'option' }

  const a = normalizeAnswer(answer)
  const t = normalizeAnswer(truth)
  if (t === '') return { correct: false, rule: 'none' }
  if (a === t) return { correct: true, rule: 'exact' }

  const truthNumbers = extractNumbers(truth)
  if (truthNumbers.length === 1 && /^-?\d+(?:\.\d+)?$/.test(t)) {
    const [first] = extractNumbers(answer)
    const value = truthNumbers[0]!
    if (first === undefined) return { correct: false, rule: 'numeric' }
    const tolerance = Math.max(
      options.absoluteTolerance ?? 1e-9,
      (options.relativeTolerance ?? 0) * Math.abs(value)
    )
    return { correct: Math.abs(first - value) <= tolerance, rule: 'numeric' }
  }

  const words = a.split(' ')
  if (words.length <= (options.maxContainWords ?? 12) && !NEGATION.test(answer)) {
    if (` ${a} `.includes(` ${t} `)) return { correct: true, rule: 'contains' }
  }
  return { correct: false, rule: 'none' }
}
