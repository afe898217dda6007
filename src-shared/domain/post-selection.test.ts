import { describe, expect, it } from 'vitest'

import { lengthRatio, perplexity, postSelection } from './post-selection'

describe('perplexity', () => {
  it('is exp of the mean negative logprob, 1 for certain tokens, null without tokens', () => {
    expect(perplexity([0, 0])).toBe(1)
    expect(perplexity([Math.log(0.5), Math.log(0.5)])).toBeCloseTo(2, 10)
    expect(perplexity([Math.log(0.25), 0])).toBeCloseTo(2, 10)
    expect(perplexity([])).toBeNull()
  })
})

describe('postSelection', () => {
  const pair = { chosen: 'red', rejected: 'a blue car', rejectedPerplexity: 1.5, editDistance: 0.8 }

  it('keeps a pair no filter objects to', () => {
    expect(postSelection(pair, {})).toBeNull()
    expect(
      postSelection(pair, { minRejectedPerplexity: 1.1, maxLengthRatio: 4, minEditDistance: 0.5 })
    ).toBeNull()
  })

  it('names the filter that removes a pair', () => {
    expect(
      postSelection({ ...pair, rejectedPerplexity: 1.05 }, { minRejectedPerplexity: 1.1 })
    ).toBe('perplexity')
    expect(lengthRatio('red', 'a blue car')).toBeCloseTo(10 / 3)
    expect(postSelection(pair, { maxLengthRatio: 3 })).toBe('length_ratio')
    expect(postSelection(pair, { minEditDistance: 0.9 })).toBe('edit_distance')
  })

  it('cannot judge an unknown perplexity, so keeps the pair', () => {
    expect(
      postSelection({ ...pair, rejectedPerplexity: null }, { minRejectedPerplexity: 5 })
    ).toBeNull()
  })
})
