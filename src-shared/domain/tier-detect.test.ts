import { describe, expect, it } from 'vitest'

import { detectTier, referencedImages } from './tier-detect'

describe('detectTier', () => {
  it('gives tier 1 to single-image samples whatever the question says', () => {
    expect(detectTier('Compare image 1 and image 2', 1)).toEqual({ tier: 1, referenced: [1] })
  })

  it('gives tier 1 when exactly one of several images is named', () => {
    expect(detectTier('What colour is the dot in image 3?', 4).tier).toBe(1)
    expect(detectTier('In the second picture, how many stars?', 3)).toEqual({
      tier: 1,
      referenced: [2]
    })
  })

  it('gives tier 2 when two or more images are named', () => {
    expect(detectTier('Which is larger, the value in image 1 or image 2?', 2)).toEqual({
      tier: 2,
      referenced: [1, 2]
    })
    expect(detectTier('Compare images 1 and 3.', 3).referenced).toEqual([1, 3])
    expect(detectTier('Do the first and third pictures match?', 3).referenced).toEqual([1, 3])
    expect(detectTier('<image1> vs <image2>: same digit?', 2).tier).toBe(2)
  })

  it('gives tier 3 when several images are shown and none is named', () => {
    expect(detectTier('Which image shows the number 7?', 4)).toEqual({ tier: 3, referenced: [] })
  })

  it('ignores indices that name no image of the sample and unrelated numbers', () => {
    expect(referencedImages('What is in image 9?', 3)).toEqual([])
    expect(referencedImages('How many of the 3 dots are red?', 3)).toEqual([])
    expect(referencedImages('IMG 2 and photo #3', 3)).toEqual([2, 3])
  })
})
