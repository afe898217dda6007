import { describe, expect, it } from 'vitest'

import { openTestStore } from './test-support/test-store'

function storeWithPairs(n: number) {
  const store = openTestStore()
  const sample = store.samples.insert({
    question: 'How many dots?',
    imageIds: [],
    dedupeKey: 'k'
  }).id
  const ids = Array.from(
    { length: n },
    (_, i) =>
      store.pairs.create({
        sampleId: sample,
        origin: 'manual',
        chosenText: `chosen ${i}`,
        rejectedText: `rejected ${i}`
      }).id
  )
  return { store, ids }
}

describe('JudgementsRepo', () => {
  it('stores both one-order scores and the average, shown after a swap from the other slot', () => {
    const { store, ids } = storeWithPairs(2)
    const [a, b] = ids as [number, number]
    store.judgements.record([
      {
        pairId: a,
        model: 'm',
        isTestModel: false,
        chosenFirst: 0.9,
        rejectedFirst: 0.3,
        score: 0.8
      },
      {
        pairId: b,
        model: 'm',
        isTestModel: true,
        chosenFirst: null,
        rejectedFirst: null,
        score: null
      }
    ])
    expect(store.pairs.dtos([a])[0]).toMatchObject({
      judgeScore: 0.8,
      judge: { model: 'm', chosenFirst: 0.9, rejectedFirst: 0.3, reversed: false }
    })
    // "No verdict" stays null, never 0.5.
    expect(store.pairs.dtos([b])[0]).toMatchObject({
      judgeScore: null,
      judge: { chosenFirst: null, rejectedFirst: null, reversed: false, isTestModel: true }
    })
    store.changes.update(a, { op: 'swap' })
    const swapped = store.pairs.dtos([a])[0]!
    expect(swapped.judgeScore).toBeCloseTo(0.2, 12)
    expect(swapped.judge).toMatchObject({ chosenFirst: 0.3, rejectedFirst: 0.9, reversed: true })
    expect(store.judgements.pairIds({}, 'm')).toEqual([])
    expect(store.judgements.pairIds({}, 'other')).toEqual(ids)
    expect(store.judgements.pairIds({ judgeScore: { max: 0.5 } })).toEqual([a])
  })

  it('bulk-swaps exactly the pairs the judge reverses, as one undoable step', () => {
    const { store, ids } = storeWithPairs(4)
    const scores = [0.9, 0.2, null, 0.45]
    store.judgements.record(
      ids.map((pairId, i) => ({
        pairId,
        model: 'm',
        isTestModel: false,
        chosenFirst: scores[i]!,
        rejectedFirst: scores[i] === null ? null : 1 - scores[i]!,
        score: scores[i]!
      }))
    )
    const out = store.changes.bulk({ filter: {} }, { op: 'swapReversed' })
    expect(out.affected).toBe(2)
    const after = store.pairs.dtos(ids)
    expect(after.map((p) => p.swapped)).toEqual([false, true, false, true])
    expect(after.every((p) => !p.judge?.reversed)).toBe(true)
    // Nothing is reversed any more: a second run changes nothing.
    expect(store.changes.bulk({ filter: {} }, { op: 'swapReversed' }).affected).toBe(0)
    store.events.undo()
    expect(store.pairs.dtos(ids).map((p) => p.swapped)).toEqual([false, false, false, false])
  })
})
