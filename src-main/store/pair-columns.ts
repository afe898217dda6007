/**
 * SQL expressions for what a pair shows after a swap. A swap only flips `pairs.swapped`
 * (texts, edits and response ids stay in their generated slots, so re-running pair creation
 * stays idempotent). Migration 0003 indexes these exact expressions; queries must use them
 * verbatim (with the `p` alias) so SQLite matches them to the indexes and can answer counts
 * from the covering index alone. (Generated columns would read better, but SQLite 3.53 never
 * treats an index over a generated column as covering.)
 */
export const EFF = {
  deltaTokens: '(CASE WHEN p.swapped THEN -p.delta_tokens ELSE p.delta_tokens END)',
  // Not indexed: character ranges come from the Overview's histogram, not from list sorting.
  deltaChars: '(CASE WHEN p.swapped THEN -p.delta_chars ELSE p.delta_chars END)',
  judgeScore: '(CASE WHEN p.swapped THEN 1.0 - p.judge_score ELSE p.judge_score END)',
  chosenCorrect: '(CASE WHEN p.swapped THEN p.rejected_correct ELSE p.chosen_correct END)',
  rejectedCorrect: '(CASE WHEN p.swapped THEN p.chosen_correct ELSE p.rejected_correct END)',
  hasNote: "(p.note IS NOT NULL AND p.note <> '')",
  edited: '(p.chosen_edit IS NOT NULL OR p.rejected_edit IS NOT NULL)',
  /**
   * Images the pair's sample shows: a composition's count (a grid collage is one file of several
   * cells), else the sample's own images. Both lookups are primary-key ranges.
   */
  imageCount: `COALESCE(
    (SELECT c.image_count FROM compositions c WHERE c.sample_id = p.sample_id),
    (SELECT COUNT(*) FROM sample_images si WHERE si.sample_id = p.sample_id))`
} as const

/**
 * The answers a pair shows, over `pairs p JOIN pair_texts t`: a user's edit replaces the text of
 * its slot, and a swap exchanges the two slots afterwards (edits stay attached to the text they
 * edited, so a swap never loses one). The one definition shared by export and import; the pair
 * DTO (`toPairDto`) reads the same slots field by field.
 */
export const SHOWN_TEXT = {
  chosen:
    '(CASE WHEN p.swapped THEN COALESCE(p.rejected_edit, t.rejected_text) ELSE COALESCE(p.chosen_edit, t.chosen_text) END)',
  rejected:
    '(CASE WHEN p.swapped THEN COALESCE(p.chosen_edit, t.chosen_text) ELSE COALESCE(p.rejected_edit, t.rejected_text) END)'
} as const

/** The same expressions without the alias, for index definitions. */
export function unaliased(expression: string): string {
  return expression.replaceAll('p.', '')
}
