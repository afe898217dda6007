import type { TierStatsDto } from '../../src-shared/contract/stats'
import { answersDiffer } from '../../src-shared/domain/answer-normalize'
import { checkAnswer } from '../../src-shared/domain/answer-correctness'
import type { Db } from '../db/open-database'
import { layoutCounts, tierCounts, tierResponseRows } from './tier-stats-repo'
import { toleranceOf } from '../../src-shared/domain/variant-keys'

/** The answer each tier's accuracy is measured on: HQ for plain samples, hard for composed. */
const MEASURED = new Set(['hq', 'hard'])

/**
 * Figures per hardness tier (S2H): samples (composed among them), pairs, the flip rate (the
 * share of harder prompts whose answer differs from the reference: LQ against HQ for plain
 * samples, hard against guided for composed ones) and the accuracy of the answers to each
 * sample's own prompt; plus composed samples and pairs per layout.
 */
export function tierStats(db: Db): Pick<TierStatsDto, 'by_tier_detail' | 'by_layout'> {
  const flips = new Map<number, { compared: number; flipped: number }>()
  const accuracy = new Map<number, { graded: number; correct: number }>()
  let reference: { key: string; text: string } | null = null
  for (const row of tierResponseRows(db)) {
    const key = `${row.run_id}:${row.sample_id}`
    const isReference = row.variant_key === (row.composed ? 'guided' : 'hq')
    if (isReference) reference = { key, text: row.text }
    else if (reference?.key === key && (row.composed ? row.variant_key === 'hard' : true)) {
      const flip = flips.get(row.tier) ?? { compared: 0, flipped: 0 }
      flip.compared++
      if (answersDiffer(reference.text, row.text)) flip.flipped++
      flips.set(row.tier, flip)
    }
    if (row.ground_truth && MEASURED.has(row.variant_key)) {
      const graded = accuracy.get(row.tier) ?? { graded: 0, correct: 0 }
      graded.graded++
      if (checkAnswer(row.text, row.ground_truth, toleranceOf(row.metadata)).correct)
        graded.correct++
      accuracy.set(row.tier, graded)
    }
  }
  const detail = Object.fromEntries(
    tierCounts(db).map((t) => {
      const flip = flips.get(t.tier)
      const acc = accuracy.get(t.tier)
      return [
        String(t.tier),
        {
          samples: t.samples,
          composed_samples: t.composed,
          pairs: t.pairs,
          flip_rate: flip ? { ...flip, rate: flip.flipped / flip.compared } : null,
          accuracy: acc ? { ...acc, accuracy: acc.correct / acc.graded } : null
        }
      ]
    })
  ) as TierStatsDto['by_tier_detail']
  const layouts: TierStatsDto['by_layout'] = {
    sequence: { samples: 0, pairs: 0 },
    grid: { samples: 0, pairs: 0 },
    pip: { samples: 0, pairs: 0 }
  }
  for (const l of layoutCounts(db)) layouts[l.layout] = { samples: l.samples, pairs: l.pairs }
  return { by_tier_detail: detail, by_layout: layouts }
}
