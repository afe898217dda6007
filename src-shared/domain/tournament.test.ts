import { describe, expect, it } from 'vitest'

import { allPairs, tournamentPairs } from './tournament'

function connected(n: number, pairs: ReadonlyArray<readonly [number, number]>): boolean {
  const parent = Array.from({ length: n }, (_, i) => i)
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)))
  for (const [a, b] of pairs) parent[find(a)] = find(b)
  return new Set(parent.map((_, i) => find(i))).size === 1
}

describe('tournamentPairs', () => {
  it('compares all pairs up to the threshold', () => {
    expect(allPairs(4)).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3]
    ])
    expect(tournamentPairs(5, { threshold: 8 })).toHaveLength(10)
  })

  it('beyond it, a connected regular tournament of n·degree/2 distinct pairs', () => {
    const n = 40
    const pairs = tournamentPairs(n, { threshold: 8, degree: 6, seed: 7 })
    expect(pairs).toHaveLength((n * 6) / 2)
    expect(new Set(pairs.map((p) => p.join(','))).size).toBe(pairs.length)
    const degree = new Array<number>(n).fill(0)
    for (const [a, b] of pairs) {
      expect(a).toBeLessThan(b)
      degree[a]!++
      degree[b]!++
    }
    expect(new Set(degree)).toEqual(new Set([6]))
    expect(connected(n, pairs)).toBe(true)
    expect(tournamentPairs(n, { threshold: 8, degree: 6, seed: 7 })).toEqual(pairs)
    expect(tournamentPairs(n, { threshold: 8, degree: 6, seed: 8 })).not.toEqual(pairs)
  })
})
