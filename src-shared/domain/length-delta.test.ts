import { describe, expect, it } from 'vitest'

import { levenshtein, normalizedEditDistance } from './edit-distance'
import { countChars, countWords, lengthDelta } from './length-delta'

describe('lengthDelta', () => {
  it('is rejected minus chosen in tokens, words and characters', () => {
    expect(
      lengthDelta({ chosen: '7', rejected: 'I think it is 9', chosenTokens: 2, rejectedTokens: 6 })
    ).toEqual({ tokens: 4, words: 4, chars: 14 })
    expect(lengthDelta({ chosen: 'a long answer', rejected: 'no' })).toEqual({
      tokens: null,
      words: -2,
      chars: -11
    })
  })

  it('counts words and code points as people do', () => {
    expect(countWords('  two   words ')).toBe(2)
    expect(countWords('   ')).toBe(0)
    expect(countChars('ü😀')).toBe(2)
  })
})

describe('normalizedEditDistance', () => {
  it('is 0 for equal texts and 1 for disjoint ones', () => {
    expect(normalizedEditDistance('same', 'same')).toBe(0)
    expect(normalizedEditDistance('', '')).toBe(0)
    expect(normalizedEditDistance('abc', 'xyz')).toBe(1)
    expect(normalizedEditDistance('', 'abc')).toBe(1)
  })

  it('divides the Levenshtein distance by the longer length', () => {
    expect(levenshtein([...'kitten'], [...'sitting'])).toBe(3)
    expect(normalizedEditDistance('kitten', 'sitting')).toBeCloseTo(3 / 7)
  })

  it('switches to words for long texts and stays within [0, 1]', () => {
    const a = 'word '.repeat(600)
    const b = `${'word '.repeat(599)}other `
    const d = normalizedEditDistance(a, b)
    expect(d).toBeCloseTo(1 / 600)
  })
})
