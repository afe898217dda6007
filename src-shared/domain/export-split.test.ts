import { describe, expect, it } from 'vitest'

import { assignSplits, seededUnit } from './export-split'

describe('assignSplits', () => {
  it('keeps every record sharing a source image in one split, even through chains', () => {
    // a-b share "x", b-c share "y": all three form one component.
    const keys = [['x'], ['x', 'y'], ['y'], ['z'], ['w']]
    for (let seed = 0; seed < 50; seed++) {
      const splits = assignSplits(keys, 0.5, seed)
      expect(new Set(splits.slice(0, 3)).size).toBe(1)
    }
  })

  it('is deterministic for a seed and changes with the seed', () => {
    const keys = Array.from({ length: 200 }, (_, i) => [`img${i}`])
    expect(assignSplits(keys, 0.8, 7)).toEqual(assignSplits(keys, 0.8, 7))
    expect(assignSplits(keys, 0.8, 7)).not.toEqual(assignSplits(keys, 0.8, 8))
  })

  it('sends about the requested share of groups to train', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => [`img${i}`])
    const train = assignSplits(keys, 0.9, 1).filter((s) => s === 'train').length
    expect(train / keys.length).toBeGreaterThan(0.88)
    expect(train / keys.length).toBeLessThan(0.92)
  })

  it('puts everything in train at ratio 1 and rejects ratios outside (0, 1]', () => {
    expect(new Set(assignSplits([['a'], ['b'], []], 1, 0))).toEqual(new Set(['train']))
    expect(() => assignSplits([['a']], 0, 0)).toThrow(RangeError)
    expect(() => assignSplits([['a']], 1.5, 0)).toThrow(RangeError)
  })

  it('does not depend on record order', () => {
    const keys = Array.from({ length: 100 }, (_, i) => [`img${i % 37}`])
    const forward = assignSplits(keys, 0.5, 3)
    const backward = assignSplits([...keys].reverse(), 0.5, 3).reverse()
    expect(backward).toEqual(forward)
  })
})

describe('seededUnit', () => {
  it('maps into [0, 1)', () => {
    for (let i = 0; i < 1000; i++) {
      const u = seededUnit(i, `k${i}`)
      expect(u).toBeGreaterThanOrEqual(0)
      expect(u).toBeLessThan(1)
    }
  })
})
