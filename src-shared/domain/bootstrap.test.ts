import { describe, expect, it } from 'vitest'

import { bootstrapInterval, quantile } from './bootstrap'

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

describe('bootstrapInterval', () => {
  it('interpolates quantiles as numpy does', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantile([0, 10], 0.025)).toBeCloseTo(0.25, 12)
  })

  it('is degenerate for constant units and brackets the mean otherwise', () => {
    expect(bootstrapInterval([0.5, 0.5, 0.5], mean)).toEqual({ low: 0.5, high: 0.5 })
    const units = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0))
    const ci = bootstrapInterval(units, mean, { seed: 3 })!
    expect(ci.low).toBeLessThan(0.25)
    expect(ci.high).toBeGreaterThan(0.25)
    // Standard error √(0.25·0.75/200) ≈ 0.0306: the 95 % interval is about ±0.06.
    expect(ci.high - ci.low).toBeGreaterThan(0.08)
    expect(ci.high - ci.low).toBeLessThan(0.16)
    expect(bootstrapInterval(units, mean, { seed: 3 })).toEqual(ci)
  })

  it('is null without units or without any defined resample', () => {
    expect(bootstrapInterval([], mean)).toBeNull()
    expect(bootstrapInterval([1], () => Number.NaN)).toBeNull()
  })
})
