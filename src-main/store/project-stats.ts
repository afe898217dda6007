import type { ProjectStatsDto } from '../../src-shared/contract/stats'
import { answersDiffer } from '../../src-shared/domain/answer-normalize'
import { checkAnswer } from '../../src-shared/domain/answer-correctness'
import type { Db } from '../db/open-database'
import { HQ_VARIANT, toleranceOf } from '../../src-shared/domain/variant-keys'
import { tierStats } from './tier-stats'

const count = (db: Db, sql: string): number => (db.prepare(sql).get() as { n: number }).n

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

type ResponseRow = {
  run_id: number
  sample_id: number
  variant_key: string
  text: string
  ground_truth: string | null
  metadata: string | null
}

/**
 * Statistics of a project, read in one pass per table. Flip rates and accuracy use the same
 * normalization and correctness rules as pair building, so the numbers agree with the pairs.
 */
export function projectStats(db: Db): ProjectStatsDto {
  const byStatus = { pending: 0, accepted: 0, rejected: 0 }
  for (const row of db.prepare('SELECT status, COUNT(*) AS n FROM pairs GROUP BY status').all() as {
    status: keyof typeof byStatus
    n: number
  }[])
    byStatus[row.status] = row.n
  const byTier = { '1': 0, '2': 0, '3': 0 }
  for (const row of db.prepare('SELECT tier, COUNT(*) AS n FROM samples GROUP BY tier').all() as {
    tier: 1 | 2 | 3
    n: number
  }[])
    byTier[String(row.tier) as '1'] = row.n

  const hq = new Map<string, string>()
  const flips = new Map<string, { samples: number; flipped: number }>()
  const accuracy = new Map<string, { graded: number; correct: number }>()
  const rows = db
    .prepare(
      `SELECT r.run_id, r.sample_id, r.variant_key, r.text, s.ground_truth, s.metadata
       FROM responses r JOIN samples s ON s.id = r.sample_id
       ORDER BY r.run_id, r.sample_id, r.variant_key <> '${HQ_VARIANT}'`
    )
    .iterate() as Iterable<ResponseRow>
  for (const row of rows) {
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

  const deltas = db.prepare('SELECT delta_tokens, delta_words, delta_chars FROM pairs').all() as {
    delta_tokens: number | null
    delta_words: number | null
    delta_chars: number | null
  }[]
  const tokens = deltas.flatMap((d) => (d.delta_tokens === null ? [] : [d.delta_tokens]))
  const words = deltas.flatMap((d) => (d.delta_words === null ? [] : [d.delta_words]))
  const chars = deltas.flatMap((d) => (d.delta_chars === null ? [] : [d.delta_chars]))
  const longer = deltas.flatMap((d) => {
    const delta = d.delta_tokens ?? d.delta_words
    return delta === null ? [] : [delta > 0 ? 1 : 0]
  })

  return {
    samples: count(db, 'SELECT COUNT(*) AS n FROM samples'),
    images: count(db, 'SELECT COUNT(*) AS n FROM images WHERE source_id IS NULL'),
    runs: count(db, 'SELECT COUNT(*) AS n FROM runs'),
    responses: count(db, 'SELECT COUNT(*) AS n FROM responses'),
    pairs: deltas.length,
    by_status: byStatus,
    by_tier: byTier,
    flip_rate_by_recipe: Object.fromEntries(
      [...flips].map(([key, f]) => [key, { ...f, rate: f.flipped / f.samples }])
    ),
    length_delta: {
      pairs: deltas.length,
      mean_tokens: mean(tokens),
      median_tokens: median(tokens),
      mean_words: mean(words),
      mean_chars: mean(chars),
      share_rejected_longer: mean(longer)
    },
    accuracy_by_variant: Object.fromEntries(
      [...accuracy].map(([key, a]) => [key, { ...a, accuracy: a.correct / a.graded }])
    ),
    ...tierStats(db)
  }
}
