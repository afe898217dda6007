import { describe, expect, it } from 'vitest'

import type { PairFilter } from './pair-filter'
import {
  decodePairCursor,
  encodePairCursor,
  isEmptyPairFilter,
  normalizePairFilter
} from './pair-filter'
import { matchesPairFilter, parseTextQuery } from './pair-filter-predicate'
import type { PairFilterSubject } from './pair-filter-predicate'
import {
  pairFilterFromSearchParams,
  pairFilterToQueryString,
  pairFilterToSearchParams
} from './pair-filter-url'

/** URLSearchParams-like over entries (src-shared tests run without DOM types). */
const params = (entries: Array<[string, string]>) => ({
  getAll: (name: string) => entries.filter(([k]) => k === name).map(([, v]) => v)
})

const full: PairFilter = {
  tiers: [3, 1],
  statuses: ['pending'],
  origins: ['visual-delta', 'import'],
  perturbTypes: ['jpeg'],
  perturbLevel: { min: 0.25 },
  deltaTokens: { min: -5, max: 40 },
  deltaChars: { min: -120, max: -20 },
  judgeScore: { max: 0.5 },
  chosenCorrect: ['correct'],
  rejectedCorrect: ['wrong', 'unknown'],
  tags: ['a,b', 'verbose'],
  hasNote: false,
  edited: true,
  runIds: [10, 2],
  sampleId: 7,
  text: 'red "big car"'
}

describe('pair filter model', () => {
  it('round-trips every field and the sort through URL params', () => {
    const entries = pairFilterToSearchParams(full, { key: 'judgeScore', dir: 'desc' })
    const back = pairFilterFromSearchParams(params(entries))
    expect(back.filter).toEqual(normalizePairFilter(full))
    expect(back.sort).toEqual({ key: 'judgeScore', dir: 'desc' })
  })

  it('percent-encodes the query string and omits the default sort', () => {
    const qs = pairFilterToQueryString({ text: 'a&b=c', tags: ['x y'] })
    expect(qs).toBe('tag=x%20y&q=a%26b%3Dc')
  })

  it('drops malformed URL values instead of failing', () => {
    const back = pairFilterFromSearchParams(
      params([
        ['tier', '9'],
        ['tier', '2'],
        ['status', 'maybe'],
        ['dtok', 'abc'],
        ['judge', '..0.3'],
        ['note', 'yes'],
        ['sort', 'nope:up']
      ])
    )
    expect(back.filter).toEqual({ tiers: [2], judgeScore: { max: 0.3 } })
    expect(back.sort).toEqual({ key: 'id', dir: 'asc' })
  })

  it('normalizes empty parts away and sorts lists', () => {
    expect(isEmptyPairFilter({ tiers: [], text: '  ', deltaTokens: {} })).toBe(true)
    expect(normalizePairFilter({ runIds: [10, 2, 10] })).toEqual({ runIds: [2, 10] })
  })

  it('encodes and validates keyset cursors', () => {
    const raw = encodePairCursor({ value: 0.5, id: 12 })
    expect(decodePairCursor(raw)).toEqual({ value: 0.5, id: 12 })
    expect(decodePairCursor('[null,3]')).toEqual({ value: null, id: 3 })
    expect(decodePairCursor('garbage')).toBeNull()
    expect(decodePairCursor('[1,"x"]')).toBeNull()
  })

  it('parses text into prefix words and exact phrases', () => {
    expect(parseTextQuery('Café "red  car" a !!')).toEqual([
      { words: ['cafe'], prefix: true },
      { words: ['red', 'car'], prefix: false },
      { words: ['a'], prefix: false }
    ])
  })

  it('matches a pair in memory with the documented semantics', () => {
    const pair: PairFilterSubject = {
      sampleId: 7,
      tier: 3,
      status: 'pending',
      origin: 'visual-delta',
      perturbType: 'jpeg',
      perturbLevel: 0.5,
      deltaTokens: 12,
      deltaChars: -50,
      judgeScore: 0.4,
      chosenCorrect: true,
      rejectedCorrect: null,
      tags: ['verbose'],
      note: null,
      chosenEdited: true,
      rejectedEdited: false,
      run: { id: 2 },
      question: 'What is red?',
      chosen: 'A big car.',
      rejected: 'Nothing',
      hqImages: [{}]
    }
    expect(matchesPairFilter(full, pair)).toBe(true)
    expect(matchesPairFilter({ ...full, text: 'car big' }, pair)).toBe(true)
    expect(matchesPairFilter({ ...full, text: '"car big"' }, pair)).toBe(false)
    expect(matchesPairFilter({ judgeScore: { min: 0.5 } }, pair)).toBe(false)
    expect(matchesPairFilter({ judgeScore: { min: 0 } }, { ...pair, judgeScore: null })).toBe(false)
    expect(matchesPairFilter({ rejectedCorrect: ['unknown'] }, pair)).toBe(true)
    expect(matchesPairFilter({ deltaChars: { max: -51 } }, pair)).toBe(false)
    // A plain sample counts its own images; a composition counts its cells (one collage file).
    expect(matchesPairFilter({ imageCounts: [1] }, pair)).toBe(true)
    expect(matchesPairFilter({ imageCounts: [2] }, { ...pair, hqImages: [{}, {}] })).toBe(true)
    const grid = { ...pair, composition: { layout: 'grid', imageCount: 4 } }
    expect(matchesPairFilter({ imageCounts: [4] }, grid)).toBe(true)
    expect(matchesPairFilter({ imageCounts: [1] }, grid)).toBe(false)
  })
})
