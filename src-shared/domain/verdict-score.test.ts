import { describe, expect, it } from 'vitest'

import {
  combineOrders,
  hardVerdict,
  orderEffect,
  softVerdict,
  verdictMass,
  verdictOf
} from './verdict-score'

const AB = ['A', 'B'] as const
const lp = (p: number) => Math.log(p)

describe('verdictOf', () => {
  it('reads variants of a label and nothing else', () => {
    for (const t of ['A', ' A', 'a', ' a', '(A', 'A.', 'A)', '**A**'])
      expect(verdictOf(t, AB)).toBe(0)
    for (const t of ['B', '\nb', 'B:']) expect(verdictOf(t, AB)).toBe(1)
    for (const t of ['AB', 'Answer', '', ' ', 'C', '1']) expect(verdictOf(t, AB)).toBeNull()
  })
})

describe('softVerdict', () => {
  it('sums the mass of every variant before normalising', () => {
    const top = [
      { token: 'A', logprob: lp(0.3) },
      { token: ' a', logprob: lp(0.1) },
      { token: 'B', logprob: lp(0.2) },
      { token: 'x', logprob: lp(0.35) }
    ]
    const mass = verdictMass(top, AB)
    expect(mass.first).toBeCloseTo(0.4, 12)
    expect(mass.second).toBeCloseTo(0.2, 12)
    expect(softVerdict(top, AB)).toBeCloseTo(0.4 / 0.6, 12)
  })

  it('is "no verdict" (null), never 0.5, without a verdict token', () => {
    expect(softVerdict([{ token: 'x', logprob: lp(0.9) }], AB)).toBeNull()
    expect(softVerdict([], AB)).toBeNull()
  })

  it('counts a missing label as zero mass', () => {
    expect(softVerdict([{ token: 'B', logprob: lp(0.01) }], AB)).toBe(0)
  })

  it('counts a repeated token text once', () => {
    const top = [
      { token: 'A', logprob: lp(0.5) },
      { token: 'A', logprob: lp(0.5) },
      { token: 'B', logprob: lp(0.5) }
    ]
    expect(softVerdict(top, AB)).toBeCloseTo(0.5, 12)
  })
})

describe('both orders', () => {
  it('averages s(X≻Y | X first) with 1 − s(Y≻X | Y first)', () => {
    expect(combineOrders({ xFirst: 0.8, yFirst: 0.4 })).toBeCloseTo(0.7, 12)
    expect(combineOrders({ xFirst: null, yFirst: 0.25 })).toBeCloseTo(0.75, 12)
    expect(combineOrders({ xFirst: 0.6, yFirst: null })).toBe(0.6)
    expect(combineOrders({ xFirst: null, yFirst: null })).toBeNull()
  })

  it('measures the position bias as the first-shown preference beyond 0.5', () => {
    // A judge that always prefers the first shown at 0.9 has bias 0.4 and an average of 0.5.
    expect(orderEffect({ xFirst: 0.9, yFirst: 0.9 })).toBeCloseTo(0.4, 12)
    expect(combineOrders({ xFirst: 0.9, yFirst: 0.9 })).toBeCloseTo(0.5, 12)
    expect(orderEffect({ xFirst: 0.8, yFirst: 0.2 })).toBeCloseTo(0, 12)
    expect(orderEffect({ xFirst: 0.8, yFirst: null })).toBeNull()
  })

  it('hard verdicts read the sampled text only', () => {
    expect(hardVerdict('A', AB)).toBe(1)
    expect(hardVerdict(' b', AB)).toBe(0)
    expect(hardVerdict('\n', AB)).toBeNull()
  })
})
