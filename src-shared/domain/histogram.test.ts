import { describe, expect, it } from 'vitest'

import { integerHistogram, unitHistogram } from './histogram'

describe('integerHistogram', () => {
  it('covers every value once in round-width inclusive bars', () => {
    const values = [-7, -3, 0, 0, 1, 4, 12, 29]
    const bins = integerHistogram(values, 8)
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length)
    const width = bins[0]!.max - bins[0]!.min + 1
    expect([1, 2, 5, 10]).toContain(width)
    for (const [i, bin] of bins.entries()) {
      expect(bin.max - bin.min + 1).toBe(width)
      if (i > 0) expect(bin.min).toBe(bins[i - 1]!.max + 1)
      expect(bin.count).toBe(values.filter((v) => v >= bin.min && v <= bin.max).length)
    }
    expect(bins.length).toBeLessThanOrEqual(8)
  })

  it('gives one-wide bars for a narrow range and nothing for no values', () => {
    expect(integerHistogram([2, 2, 3])).toEqual([
      { min: 2, max: 2, count: 2 },
      { min: 3, max: 3, count: 1 }
    ])
    expect(integerHistogram([])).toEqual([])
  })
})

describe('unitHistogram', () => {
  it('puts 1 in the last bar and counts every score', () => {
    const bins = unitHistogram([0, 0.05, 0.5, 0.99, 1], 10)
    expect(bins).toHaveLength(10)
    expect(bins[0]).toEqual({ min: 0, max: 0.1, count: 2 })
    expect(bins[5]!.count).toBe(1)
    expect(bins[9]!.count).toBe(2)
  })
})
