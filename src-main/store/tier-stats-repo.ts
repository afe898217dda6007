import type { ComposeLayout } from '../../src-shared/contract/compose'
import type { Tier } from '../../src-shared/domain/pair-filter'
import type { Db } from '../db/open-database'

/** A response with what per-tier statistics need of its sample. */
export type TierResponseRow = {
  readonly run_id: number
  readonly sample_id: number
  readonly tier: Tier
  readonly composed: 0 | 1
  readonly variant_key: string
  readonly text: string
  readonly ground_truth: string | null
  readonly metadata: string | null
}

/**
 * Responses by run and sample with the sample's tier and whether it is composed, the reference
 * answer (`hq` or `guided`) first within each sample.
 */
export function tierResponseRows(db: Db): Iterable<TierResponseRow> {
  return db
    .prepare(
      `SELECT r.run_id, r.sample_id, s.tier,
              EXISTS (SELECT 1 FROM compositions c WHERE c.sample_id = s.id) AS composed,
              r.variant_key, r.text, s.ground_truth, s.metadata
       FROM responses r JOIN samples s ON s.id = r.sample_id
       ORDER BY r.run_id, r.sample_id, r.variant_key NOT IN ('hq', 'guided'), r.variant_key`
    )
    .iterate() as Iterable<TierResponseRow>
}

/** Samples and pairs per tier: all, and those that are compositions. */
export function tierCounts(
  db: Db
): Array<{ tier: Tier; samples: number; composed: number; pairs: number }> {
  return db
    .prepare(
      `SELECT t.tier,
         (SELECT COUNT(*) FROM samples s WHERE s.tier = t.tier) AS samples,
         (SELECT COUNT(*) FROM compositions c WHERE c.tier = t.tier) AS composed,
         (SELECT COUNT(*) FROM pairs p WHERE p.tier = t.tier) AS pairs
       FROM (SELECT 1 AS tier UNION ALL SELECT 2 UNION ALL SELECT 3) t ORDER BY t.tier`
    )
    .all() as Array<{ tier: Tier; samples: number; composed: number; pairs: number }>
}

/** Composed samples and their pairs per layout. */
export function layoutCounts(
  db: Db
): Array<{ layout: ComposeLayout; samples: number; pairs: number }> {
  return db
    .prepare(
      `SELECT c.layout, COUNT(*) AS samples,
         SUM((SELECT COUNT(*) FROM pairs p WHERE p.sample_id = c.sample_id)) AS pairs
       FROM compositions c GROUP BY c.layout`
    )
    .all() as Array<{ layout: ComposeLayout; samples: number; pairs: number }>
}
