import { beforeAll, describe, expect, it } from 'vitest'

import type { PairDto } from '../../src-shared/contract/pairs'
import { CORRECTNESS, PAIR_SORT_KEYS } from '../../src-shared/domain/pair-filter'
import type { PairFilter, PairSort } from '../../src-shared/domain/pair-filter'
import {
  correctness,
  matchesPairFilter,
  pairImageCount
} from '../../src-shared/domain/pair-filter-predicate'
import { PairQuery } from './pair-query'
import type { Store } from './store'
import { SYNTHETIC_TAGS, prng } from './test-support/synthetic'
import { openTestStore } from './test-support/test-store'

let store: Store
let all: PairDto[]

beforeAll(() => {
  store = openTestStore(600)
  // Give the in-memory model some variety the seeder lacks: edits and swaps via real ops.
  const ids = store.db.prepare('SELECT id FROM pairs ORDER BY id').pluck().all() as number[]
  for (const id of ids.slice(0, 40)) store.changes.update(id, { op: 'swap' })
  for (const id of ids.slice(20, 30))
    store.changes.update(id, { op: 'editRejected', text: 'zebra crossing' })
  all = store.pairs.dtos(ids)
})

const pick = <T>(r: () => number, list: readonly T[], max = 2): T[] => {
  const n = 1 + Math.floor(r() * max)
  return [...new Set(Array.from({ length: n }, () => list[Math.floor(r() * list.length)]!))]
}

function randomFilter(r: () => number): PairFilter {
  const f: PairFilter = {}
  if (r() < 0.3) f.tiers = pick(r, [1, 2, 3] as const)
  if (r() < 0.3) f.statuses = pick(r, ['pending', 'accepted', 'rejected'] as const)
  if (r() < 0.2) f.origins = pick(r, ['visual-delta', 'prompt-complexity', 'import'] as const)
  if (r() < 0.2) f.perturbTypes = pick(r, ['jpeg', 'blur', 'downscale', 'noise'])
  if (r() < 0.2) f.perturbLevel = { min: Math.round(r() * 50) / 100 }
  if (r() < 0.3)
    f.deltaTokens =
      r() < 0.5 ? { min: Math.round(r() * 80 - 40) } : { max: Math.round(r() * 60 - 10) }
  if (r() < 0.2)
    f.deltaChars =
      r() < 0.5 ? { min: Math.round(r() * 200 - 100) } : { max: Math.round(r() * 150 - 30) }
  if (r() < 0.2) f.imageCounts = pick(r, [1, 2, 3, 4])
  if (r() < 0.3)
    f.judgeScore = { min: Math.round(r() * 50) / 100, max: 0.5 + Math.round(r() * 50) / 100 }
  if (r() < 0.2) f.chosenCorrect = pick(r, CORRECTNESS)
  if (r() < 0.2) f.rejectedCorrect = pick(r, CORRECTNESS)
  if (r() < 0.15) f.tags = pick(r, SYNTHETIC_TAGS, 3)
  if (r() < 0.1) f.hasNote = r() < 0.5
  if (r() < 0.1) f.edited = r() < 0.5
  if (r() < 0.25)
    f.text = pick(
      r,
      ['red', 'car', '"blue bus"', 'zebra', 'kitch', 'two dogs', 'a', 'umbrella?'],
      2
    ).join(' ')
  return f
}

describe('pair filter → SQL', () => {
  it('selects exactly the pairs the in-memory predicate accepts (300 random filters)', () => {
    const r = prng(99)
    let nonTrivial = 0
    for (let i = 0; i < 300; i++) {
      const filter = randomFilter(r)
      const expected = all.filter((p) => matchesPairFilter(filter, p)).map((p) => p.id)
      const first = store.query.page(filter, { key: 'id', dir: 'asc' }, null, 500)
      const rest = first.nextCursor
        ? store.query.page(filter, { key: 'id', dir: 'asc' }, first.nextCursor, 500).ids
        : []
      expect([...first.ids, ...rest], JSON.stringify(filter)).toEqual(expected)
      expect(store.query.count(filter)).toBe(expected.length)
      if (expected.length > 0 && expected.length < all.length) nonTrivial++
    }
    expect(nonTrivial).toBeGreaterThan(150)
  })

  it('treats text with nothing searchable as no constraint, and never injects FTS syntax', () => {
    expect(store.query.count({ text: '!!! ??' })).toBe(all.length)
    expect(() => store.query.count({ text: 'red OR NEAR(" * ) AND -' })).not.toThrow()
  })
})

const sortValue = (p: PairDto, key: PairSort['key']): number | string | null =>
  ({
    id: p.id,
    created: p.createdAt,
    updated: p.updatedAt,
    deltaTokens: p.deltaTokens,
    judgeScore: p.judgeScore,
    editDistance: p.editDistance
  })[key]

function expectedOrder(filter: PairFilter, sort: PairSort): number[] {
  const sign = sort.dir === 'asc' ? 1 : -1
  return all
    .filter((p) => matchesPairFilter(filter, p))
    .sort((a, b) => {
      const va = sortValue(a, sort.key)
      const vb = sortValue(b, sort.key)
      if (va === null || vb === null) {
        if (va !== vb) return va === null ? 1 : -1 // NULLs last in both directions
      } else if (va !== vb) {
        return (va < vb ? -1 : 1) * sign
      }
      return (a.id - b.id) * sign
    })
    .map((p) => p.id)
}

describe('keyset pagination', () => {
  const filters: PairFilter[] = [{}, { statuses: ['pending'] }, { tiers: [2, 3], text: 'red' }]
  for (const key of PAIR_SORT_KEYS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`walks every page in ${key} ${dir} order, NULLs last`, () => {
        for (const filter of filters) {
          const ids: number[] = []
          let cursor: string | null = null
          let pages = 0
          do {
            const page = store.query.page(filter, { key, dir }, cursor, 37)
            ids.push(...page.ids)
            cursor = page.nextCursor
            pages++
          } while (cursor && pages < 100)
          expect(ids).toEqual(expectedOrder(filter, { key, dir }))
        }
      })
    }
  }

  it('pages the same when the bounded probe gives way to the planner', () => {
    const narrow = new PairQuery(store.db, 5)
    for (const sort of [
      { key: 'judgeScore', dir: 'desc' },
      { key: 'id', dir: 'asc' },
      { key: 'created', dir: 'desc' }
    ] as PairSort[]) {
      for (const filter of [
        { hasNote: false },
        { tags: ['ocr'] },
        { statuses: ['rejected'] }
      ] as PairFilter[]) {
        const ids: number[] = []
        let cursor: string | null = null
        do {
          const page = narrow.page(filter, sort, cursor, 23)
          ids.push(...page.ids)
          cursor = page.nextCursor
        } while (cursor)
        expect(ids).toEqual(expectedOrder(filter, sort))
      }
    }
  })

  it('refuses a cursor of another sort', () => {
    const page = store.query.page({}, { key: 'created', dir: 'asc' }, null, 5)
    expect(() =>
      store.query.page({}, { key: 'judgeScore', dir: 'asc' }, page.nextCursor, 5)
    ).toThrow(/cursor/)
  })

  it('gives neighbours and position within a filter and sort', () => {
    const filter: PairFilter = { statuses: ['pending'] }
    for (const sort of [
      { key: 'judgeScore', dir: 'desc' },
      { key: 'deltaTokens', dir: 'asc' }
    ] as PairSort[]) {
      const order = expectedOrder(filter, sort)
      for (const index of [0, 1, Math.floor(order.length / 2), order.length - 1]) {
        const n = store.query.neighbors(order[index]!, filter, sort)
        expect(n).toEqual({
          prev: order[index - 1] ?? null,
          next: order[index + 1] ?? null,
          position: index + 1,
          total: order.length
        })
      }
    }
    const outside = all.find((p) => p.status !== 'pending')!
    expect(store.query.neighbors(outside.id, filter, { key: 'id', dir: 'asc' }).position).toBeNull()
  })
})

describe('facet counts', () => {
  it('count each facet under the filter minus that facet, as the predicate does', () => {
    const r = prng(5)
    for (let i = 0; i < 40; i++) {
      const filter = randomFilter(r)
      const facets = store.facets.counts(filter)
      const without = (key: keyof PairFilter) => {
        const rest = { ...filter }
        delete rest[key]
        return all.filter((p) => matchesPairFilter(rest, p))
      }
      const countBy = <V>(rows: PairDto[], value: (p: PairDto) => V, v: V) =>
        rows.filter((p) => value(p) === v).length
      expect(facets.total).toBe(all.filter((p) => matchesPairFilter(filter, p)).length)
      for (const { value, count } of facets.statuses)
        expect(count).toBe(countBy(without('statuses'), (p) => p.status, value))
      for (const { value, count } of facets.tiers)
        expect(count).toBe(countBy(without('tiers'), (p) => p.tier, value))
      for (const { value, count } of facets.perturbTypes)
        expect(count).toBe(countBy(without('perturbTypes'), (p) => p.perturbType, value))
      for (const { value, count } of facets.chosenCorrect)
        expect(count).toBe(
          countBy(without('chosenCorrect'), (p) => correctness(p.chosenCorrect), value)
        )
      for (const { value, count } of facets.rejectedCorrect)
        expect(count).toBe(
          countBy(without('rejectedCorrect'), (p) => correctness(p.rejectedCorrect), value)
        )
      for (const { value, count } of facets.hasNote)
        expect(count).toBe(countBy(without('hasNote'), (p) => p.note !== null, value))
      for (const { value, count } of facets.edited)
        expect(count).toBe(
          countBy(without('edited'), (p) => p.chosenEdited || p.rejectedEdited, value)
        )
      const imageCounts = without('imageCounts')
      const shown = [...new Set(imageCounts.map(pairImageCount))].sort((a, b) => a - b)
      expect(facets.imageCounts?.map((c) => c.value)).toEqual(shown)
      for (const { value, count } of facets.imageCounts ?? [])
        expect(count).toBe(countBy(imageCounts, pairImageCount, value))
      for (const { value, count } of facets.tags)
        expect(count).toBe(without('tags').filter((p) => p.tags.includes(value)).length)
    }
  })
})
