import { describe, expect, it } from 'vitest'

import { fitBradleyTerry } from './bradley-terry'

const prob = (si: number, sj: number) => 1 / (1 + Math.exp(sj - si))

describe('fitBradleyTerry', () => {
  it('matches the closed form for two items: p1/p2 = (w12 + prior) / (w21 + prior)', () => {
    const fit = fitBradleyTerry(
      [
        [0, 3],
        [1, 0]
      ],
      { prior: 0 }
    )
    expect(fit.converged).toBe(true)
    expect(fit.scores[0]! - fit.scores[1]!).toBeCloseTo(Math.log(3), 9)
    const withPrior = fitBradleyTerry(
      [
        [0, 3],
        [1, 0]
      ],
      { prior: 0.5 }
    )
    expect(withPrior.scores[0]! - withPrior.scores[1]!).toBeCloseTo(Math.log(3.5 / 1.5), 9)
  })

  it('keeps a perfect record finite through the prior', () => {
    const fit = fitBradleyTerry(
      [
        [0, 1, 1],
        [0, 0, 1],
        [0, 0, 0]
      ],
      { prior: 0.1 }
    )
    expect(fit.converged).toBe(true)
    expect(fit.scores.every(Number.isFinite)).toBe(true)
    expect(fit.scores[0]).toBeGreaterThan(fit.scores[1]!)
    expect(fit.scores[1]).toBeGreaterThan(fit.scores[2]!)
    // The middle item's record is symmetric (1 win, 1 loss, same prior): it sits at the centre.
    expect(fit.scores[1]).toBeCloseTo(0, 9)
  })

  it('recovers strengths from expected win counts of a known model', () => {
    const truth = [1.2, 0.3, -0.5, -1.0]
    const wins = truth.map((si, i) => truth.map((sj, j) => (i === j ? 0 : 100 * prob(si, sj))))
    const fit = fitBradleyTerry(wins, { prior: 0 })
    const mean = truth.reduce((a, b) => a + b, 0) / truth.length
    fit.scores.forEach((s, i) => expect(s).toBeCloseTo(truth[i]! - mean, 6))
  })

  it('gives a cycle equal scores and an uncompared item 0', () => {
    const fit = fitBradleyTerry([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 0]
    ])
    expect(fit.scores[0]).toBeCloseTo(fit.scores[1]!, 9)
    expect(fit.scores[1]).toBeCloseTo(fit.scores[2]!, 9)
    expect(fit.scores.every(Number.isFinite)).toBe(true)
  })
})
