import type { Db } from '../db/open-database'

export type StatsResponseRow = {
  run_id: number
  sample_id: number
  variant_key: string
  text: string
  ground_truth: string | null
  metadata: string | null
}

export type PairDeltaRow = {
  delta_tokens: number | null
  delta_words: number | null
  delta_chars: number | null
  judge_score: number | null
  swapped: 0 | 1
}

/** The reads behind project statistics: counts, group counts and the rows they are built from. */
export class StatsRepo {
  constructor(readonly db: Db) {}

  #count(sql: string): number {
    return (this.db.prepare(sql).get() as { n: number }).n
  }

  counts(): { samples: number; images: number; runs: number; responses: number } {
    return {
      samples: this.#count('SELECT COUNT(*) AS n FROM samples'),
      images: this.#count('SELECT COUNT(*) AS n FROM images WHERE source_id IS NULL'),
      runs: this.#count('SELECT COUNT(*) AS n FROM runs'),
      responses: this.#count('SELECT COUNT(*) AS n FROM responses')
    }
  }

  pairsByStatus(): Array<{ status: 'pending' | 'accepted' | 'rejected'; n: number }> {
    return this.db
      .prepare('SELECT status, COUNT(*) AS n FROM pairs GROUP BY status')
      .all() as Array<{
      status: 'pending' | 'accepted' | 'rejected'
      n: number
    }>
  }

  samplesByTier(): Array<{ tier: 1 | 2 | 3; n: number }> {
    return this.db.prepare('SELECT tier, COUNT(*) AS n FROM samples GROUP BY tier').all() as Array<{
      tier: 1 | 2 | 3
      n: number
    }>
  }

  pairsByTier(): Array<{ tier: 1 | 2 | 3; n: number }> {
    return this.db.prepare('SELECT tier, COUNT(*) AS n FROM pairs GROUP BY tier').all() as Array<{
      tier: 1 | 2 | 3
      n: number
    }>
  }

  /** Every response with its sample's ground truth, HQ first within each (run, sample). */
  responses(hqVariant: string): Iterable<StatsResponseRow> {
    return this.db
      .prepare(
        `SELECT r.run_id, r.sample_id, r.variant_key, r.text, s.ground_truth, s.metadata
         FROM responses r JOIN samples s ON s.id = r.sample_id
         ORDER BY r.run_id, r.sample_id, r.variant_key <> ?`
      )
      .iterate(hqVariant) as Iterable<StatsResponseRow>
  }

  pairDeltas(): PairDeltaRow[] {
    return this.db
      .prepare('SELECT delta_tokens, delta_words, delta_chars, judge_score, swapped FROM pairs')
      .all() as PairDeltaRow[]
  }
}
