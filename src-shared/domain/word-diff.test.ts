import { describe, expect, it } from 'vitest'

import { diffWords, sideOfDiff, tokenizeWords } from './word-diff'

const join = (segments: { text: string }[]) => segments.map((s) => s.text).join('')

describe('tokenizeWords', () => {
  it('splits words, punctuation and whitespace and loses nothing', () => {
    const text = 'A red car, parked  near\nthe café.'
    expect(tokenizeWords(text)).toEqual([
      'A',
      ' ',
      'red',
      ' ',
      'car',
      ',',
      ' ',
      'parked',
      '  ',
      'near',
      '\n',
      'the',
      ' ',
      'café',
      '.'
    ])
    expect(tokenizeWords(text).join('')).toBe(text)
  })
})

describe('diffWords', () => {
  it('marks nothing when the texts are equal', () => {
    expect(diffWords('The sky is blue.', 'The sky is blue.')).toEqual([
      { op: 'equal', text: 'The sky is blue.' }
    ])
  })

  it('finds a replaced word between shared context', () => {
    expect(diffWords('The sky is blue.', 'The sky is green.')).toEqual([
      { op: 'equal', text: 'The sky is ' },
      { op: 'removed', text: 'blue' },
      { op: 'added', text: 'green' },
      { op: 'equal', text: '.' }
    ])
  })

  it('finds inserted words in a longer second text', () => {
    const segments = diffWords('Two cats.', 'Two large orange cats sleep.')
    expect(segments.filter((s) => s.op === 'removed')).toEqual([])
    expect(segments.filter((s) => s.op === 'added').map((s) => s.text.trim())).toEqual([
      'large orange',
      'sleep'
    ])
  })

  it('rebuilds each side from its segments', () => {
    const a = 'It is a dog on a sofa, sleeping.'
    const b = 'There is a brown dog sitting on the sofa; it looks tired.'
    const segments = diffWords(a, b)
    expect(join(sideOfDiff(segments, 'a'))).toBe(a)
    expect(join(sideOfDiff(segments, 'b'))).toBe(b)
  })

  it('treats whitespace runs of any length as equal', () => {
    expect(diffWords('a  b', 'a b')).toEqual([{ op: 'equal', text: 'a  b' }])
  })

  it('handles empty texts', () => {
    expect(diffWords('', '')).toEqual([])
    expect(diffWords('', 'new text')).toEqual([{ op: 'added', text: 'new text' }])
    expect(diffWords('old', '')).toEqual([{ op: 'removed', text: 'old' }])
  })

  it('stays bounded on very long unrelated texts', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ')
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ')
    const started = performance.now()
    const segments = diffWords(a, b)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(join(sideOfDiff(segments, 'a'))).toBe(a)
    expect(join(sideOfDiff(segments, 'b'))).toBe(b)
  })
})
