import type { Migration } from '../migrate'

/**
 * Query support for the pair browser: the pair's own tier source, and the indexes the filters,
 * sorts and facet counts use (plans checked in store/pair-query-plan.test.ts).
 *
 * A swap only flips `pairs.swapped`; texts, edits and response ids stay in their generated
 * slots, so re-running pair creation stays idempotent. What a pair shows after a swap is an
 * expression over the stored slots (src-main/store/pair-columns.ts); the indexes below use
 * those exact expressions. Indexes over generated columns would read better, but SQLite never
 * treats them as covering, while indexed expressions are.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'pair-query',
  sql: `
    ALTER TABLE pairs ADD COLUMN tier_source TEXT NOT NULL DEFAULT 'auto'
      CHECK (tier_source IN ('auto', 'user', 'compose', 'import'));

    -- Covers every non-text filter and facet, so counts and facet scans never read the wide
    -- rows (the answer texts live in the same rows).
    CREATE INDEX pairs_facets ON pairs (
      status, tier, origin, perturb_type, swapped, chosen_correct, rejected_correct,
      (note IS NOT NULL AND note <> ''),
      (chosen_edit IS NOT NULL OR rejected_edit IS NOT NULL),
      perturb_level, delta_tokens, judge_score, run_id
    );
    CREATE INDEX pairs_created ON pairs (created_at, id);
    CREATE INDEX pairs_updated ON pairs (updated_at, id);
    CREATE INDEX pairs_delta_tokens ON pairs (
      (CASE WHEN swapped THEN -delta_tokens ELSE delta_tokens END), id);
    CREATE INDEX pairs_judge_score ON pairs (
      (CASE WHEN swapped THEN 1.0 - judge_score ELSE judge_score END), id);
    CREATE INDEX pairs_edit_distance ON pairs (edit_distance, id);
    CREATE INDEX pairs_sample ON pairs (sample_id);
    CREATE INDEX pairs_run ON pairs (run_id);
    CREATE INDEX pairs_rejected_response ON pairs (rejected_response_id);
    CREATE INDEX responses_run ON responses (run_id);
    CREATE INDEX images_source ON images (source_id);
  `
}
