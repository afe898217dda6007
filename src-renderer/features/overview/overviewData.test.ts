import { describe, expect, it } from 'vitest'

import type { ProjectStatsDto } from '../../../src-shared/contract/stats'
import {
  accuracyBars,
  flipRateByRecipeBars,
  layoutBars,
  lengthDeltaBars,
  pairsPath,
  recipeFilter,
  tierBars,
  tierRateBars
} from './overviewData'

const stats: ProjectStatsDto = {
  samples: 4,
  images: 4,
  runs: 1,
  responses: 12,
  pairs: 3,
  by_status: { pending: 3, accepted: 0, rejected: 0 },
  by_tier: { '1': 3, '2': 1, '3': 0 },
  pairs_by_tier: { '1': 2, '2': 1, '3': 0 },
  by_tier_detail: {
    '1': {
      samples: 3,
      composed_samples: 0,
      pairs: 2,
      flip_rate: { compared: 6, flipped: 2, rate: 1 / 3 },
      accuracy: { graded: 3, correct: 2, accuracy: 2 / 3 }
    },
    '2': {
      samples: 1,
      composed_samples: 1,
      pairs: 1,
      flip_rate: { compared: 4, flipped: 3, rate: 0.75 },
      accuracy: null
    },
    '3': { samples: 0, composed_samples: 0, pairs: 0, flip_rate: null, accuracy: null }
  },
  by_layout: {
    sequence: { samples: 1, pairs: 1 },
    grid: { samples: 0, pairs: 0 },
    pip: { samples: 0, pairs: 0 }
  },
  flip_rate_by_recipe: {
    'downsample:4:lanczos3:restore': { samples: 4, flipped: 1, rate: 0.25 },
    'blur:2+jpeg:40': { samples: 4, flipped: 2, rate: 0.5 }
  },
  flip_rate_by_level: [{ type: 'downsample', level: 4, samples: 4, flipped: 1, rate: 0.25 }],
  length_delta: {
    pairs: 3,
    mean_tokens: 1,
    median_tokens: 1,
    mean_words: 1,
    mean_chars: 4,
    share_rejected_longer: 2 / 3,
    share_rejected_longer_chars: 2 / 3
  },
  length_delta_histogram: {
    tokens: [
      { min: -2, max: -1, count: 1 },
      { min: 0, max: 1, count: 0 },
      { min: 2, max: 3, count: 2 }
    ],
    chars: [{ min: -5, max: 9, count: 3 }]
  },
  judge_score_histogram: [],
  accuracy_by_variant: {
    'blur:2+jpeg:40': { graded: 4, correct: 1, accuracy: 0.25 },
    hard: { graded: 2, correct: 0, accuracy: 0 },
    hq: { graded: 4, correct: 3, accuracy: 0.75 }
  }
}

describe('Overview chart data', () => {
  it('links a recipe to the pairs of its type and level, a chain to all chains', () => {
    expect(recipeFilter('downsample:4:lanczos3:restore')).toEqual({
      perturbTypes: ['downsample'],
      perturbLevel: { min: 4, max: 4 }
    })
    expect(recipeFilter('blur:2+jpeg:40')).toEqual({ perturbTypes: ['chain'] })
    expect(recipeFilter('not a recipe')).toBeNull()
    expect(pairsPath({ perturbTypes: ['chain'] })).toBe('/pairs?ptype=chain')
  })

  it('maps each histogram bar to the token range of its pairs', () => {
    const bars = lengthDeltaBars(stats, 'tokens')
    expect(bars.map((b) => [b.label, b.pairs])).toEqual([
      ['-2…-1', 1],
      ['0…1', 0],
      ['2…3', 2]
    ])
    expect(pairsPath(bars[2]!.filter!)).toBe('/pairs?dtok=2..3')
    expect(pairsPath(lengthDeltaBars(stats, 'chars')[0]!.filter!)).toBe('/pairs?dchar=-5..9')
  })

  it('orders recipes by key and HQ first in accuracy, as percentages', () => {
    expect(flipRateByRecipeBars(stats).map((b) => [b.label, b['flip rate %']])).toEqual([
      ['blur:2+jpeg:40', 50],
      ['downsample:4', 25]
    ])
    expect(accuracyBars(stats).map((b) => [b.label, b['accuracy %']])).toEqual([
      ['HQ', 75],
      ['blur:2+jpeg:40', 25],
      ['composed prompt', 0]
    ])
    // The composed prompt's answers are the rejected side of prompt-complexity pairs.
    expect(pairsPath(accuracyBars(stats)[2]!.filter!)).toBe(
      '/pairs?origin=prompt-complexity&rc=correct&rc=wrong'
    )
    expect(tierBars(stats)[1]).toMatchObject({
      label: 'Tier 2',
      samples: 1,
      pairs: 1,
      filter: { tiers: [2] }
    })
  })

  it('gives flip rate and accuracy per tier, each tier linking to its pairs', () => {
    const bars = tierRateBars(stats)
    // Tier 3 has neither figure and is left out; a missing figure draws no bar (null).
    expect(bars).toEqual([
      { label: 'Tier 1', 'flip rate %': 33.3, 'accuracy %': 66.7, filter: { tiers: [1] } },
      { label: 'Tier 2', 'flip rate %': 75, 'accuracy %': null, filter: { tiers: [2] } }
    ])
    expect(pairsPath(bars[1]!.filter!)).toBe('/pairs?tier=2')
  })

  it('lists layouts with composed samples, each linking to its layout', () => {
    expect(layoutBars(stats)).toEqual([
      { label: 'Sequence', samples: 1, pairs: 1, filter: { layouts: ['sequence'] } }
    ])
    expect(pairsPath(layoutBars(stats)[0]!.filter!)).toBe('/pairs?layout=sequence')
  })
})
