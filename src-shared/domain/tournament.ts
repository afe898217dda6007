import { mulberry32 } from './seeded-random'

/** Unordered index pairs `[i, j]` with `i < j`. */
export type IndexPair = readonly [number, number]

export function allPairs(n: number): IndexPair[] {
  const pairs: IndexPair[] = []
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j])
  return pairs
}

/**
 * The pairs a ranking of `n` items compares: all `n(n−1)/2` up to `threshold` items, and beyond
 * it a random connected `degree`-regular tournament (a circulant graph over a seeded random
 * permutation: each item meets the `degree/2` next ones around the circle), so every item is
 * compared equally often and the Bradley–Terry fit stays identifiable with `n·degree/2`
 * comparisons instead of `n(n−1)/2`.
 */
export function tournamentPairs(
  n: number,
  options: { threshold?: number; degree?: number; seed?: number } = {}
): IndexPair[] {
  const threshold = options.threshold ?? 12
  if (n <= threshold) return allPairs(n)
  const half = Math.max(1, Math.min(Math.floor((options.degree ?? 6) / 2), Math.floor((n - 1) / 2)))
  const random = mulberry32(options.seed ?? 1)
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1))
    ;[order[i], order[k]] = [order[k]!, order[i]!]
  }
  const seen = new Set<string>()
  const pairs: IndexPair[] = []
  for (let pos = 0; pos < n; pos++) {
    for (let step = 1; step <= half; step++) {
      const a = order[pos]!
      const b = order[(pos + step) % n]!
      const pair: IndexPair = a < b ? [a, b] : [b, a]
      const key = `${pair[0]},${pair[1]}`
      if (!seen.has(key)) {
        seen.add(key)
        pairs.push(pair)
      }
    }
  }
  return pairs
}
