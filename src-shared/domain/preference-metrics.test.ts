import { describe, expect, it } from 'vitest'

import {
  hpdv2Accuracy,
  hpdv2Score,
  imageRewardAccuracy,
  imageRewardPairs,
  ranksFromScores
} from './preference-metrics'

describe('ImageReward metric', () => {
  it('skips human ties and counts predicted ties as wrong', () => {
    // ranking [1, 2, 1, 3]: pairs (0,1) (0,3) (1,2) (1,3) (2,3) count; (0,2) is a human tie.
    // scores: 0→0.9, 1→0.5, 2→0.5, 3→0.7
    // (0,1): 0 better, 0.9>0.5 ✓; (0,3): 0.9>0.7 ✓; (1,2): 2 better, 0.5=0.5 tie ✗;
    // (1,3): 1 better, 0.5<0.7 ✗; (2,3): 2 better, 0.5<0.7 ✗  → 2 of 5.
    expect(imageRewardPairs([1, 2, 1, 3], [0.9, 0.5, 0.5, 0.7])).toEqual({ correct: 2, total: 5 })
  })

  it('micro-averages over groups (pooled pairs, not a mean of group accuracies)', () => {
    const g1 = imageRewardPairs([1, 2], [1, 0]) // 1/1
    const g2 = imageRewardPairs([1, 2, 3], [0, 1, 2]) // 0/3
    expect(imageRewardAccuracy([g1, g2])).toBeCloseTo(1 / 4, 12)
    expect(imageRewardAccuracy([imageRewardPairs([2, 2], [0, 1])])).toBeNaN()
  })
})

describe('HPD v2 metric', () => {
  it('ranks scores best first, ties in listed order', () => {
    expect(ranksFromScores([0.1, 0.9, 0.5, 0.5])).toEqual([3, 0, 1, 2])
  })

  it('is 1 − discordant / (n(n−1)/2) per prompt, human ties never discordant', () => {
    // human ranks [1, 2, 2.5, 4.5]; scores → predicted ranks [1, 0, 2, 3].
    // Pair (0,1): predicted 1>0, human 1<2 → discordant. Every other pair agrees → 1 − 1/6.
    expect(hpdv2Score([1, 2, 2.5, 4.5], [0.8, 0.9, 0.3, 0.1])).toBeCloseTo(5 / 6, 12)
    // Human tie (0,1) with any prediction is not discordant.
    expect(hpdv2Score([1, 1, 3], [0.1, 0.9, 0.0])).toBeCloseTo(1, 12)
    expect(hpdv2Score([1, 2, 3], [0, 1, 2])).toBeCloseTo(0, 12)
    expect(hpdv2Score([1], [0])).toBeNaN()
  })

  it('macro-averages over prompts', () => {
    expect(hpdv2Accuracy([1, 0.5, 0])).toBeCloseTo(0.5, 12)
  })
})
