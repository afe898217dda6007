/**
 * Length deltas of a pair, always rejected minus chosen: a positive value means the rejected
 * answer is longer (the "compensatory verbosity" the studio measures, DESIGN §1).
 */

/** Words as people count them: runs of non-space characters. */
export function countWords(text: string): number {
  const trimmed = text.trim()
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length
}

/** Characters as people count them (Unicode code points, not UTF-16 units). */
export function countChars(text: string): number {
  return [...text].length
}

export type LengthDelta = {
  /** Null when either side has no token count (an imported or edited text). */
  readonly tokens: number | null
  readonly words: number
  readonly chars: number
}

/** Rejected minus chosen in tokens (when both counts are known), words and characters. */
export function lengthDelta(pair: {
  chosen: string
  rejected: string
  chosenTokens?: number | null
  rejectedTokens?: number | null
}): LengthDelta {
  const tokens =
    pair.chosenTokens != null && pair.rejectedTokens != null
      ? pair.rejectedTokens - pair.chosenTokens
      : null
  return {
    tokens,
    words: countWords(pair.rejected) - countWords(pair.chosen),
    chars: countChars(pair.rejected) - countChars(pair.chosen)
  }
}
