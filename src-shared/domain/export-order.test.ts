import { describe, expect, it } from 'vitest'

import { exportOrder } from './export-order'
import type { ExportOrder, OrderItem } from './export-order'
import { seededHash } from './export-split'

const items = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, tier: (i % 3) + 1 }))

describe('exportOrder', () => {
  it('curriculum puts tier 1, then 2, then 3', () => {
    const tiers = exportOrder(items, 'curriculum', 1).map((i) => items[i]?.tier)
    expect(tiers).toEqual([...tiers].sort())
    expect(tiers[0]).toBe(1)
    expect(tiers.at(-1)).toBe(3)
  })

  it('mixed is a seeded shuffle that interleaves tiers', () => {
    const order = exportOrder(items, 'mixed', 1)
    expect([...order].sort((a, b) => a - b)).toEqual(items.map((_, i) => i))
    expect(order).toEqual(exportOrder(items, 'mixed', 1))
    expect(order).not.toEqual(exportOrder(items, 'mixed', 2))
    const tiers = order.map((i) => items[i]?.tier)
    expect(tiers).not.toEqual([...tiers].sort())
  })

  it('depends on content keys, not on input positions', () => {
    const reversed = [...items].reverse()
    const keys = (list: typeof items, order: number[]): string[] =>
      order.map((i) => list[i]?.key ?? '')
    expect(keys(reversed, exportOrder(reversed, 'mixed', 5))).toEqual(
      keys(items, exportOrder(items, 'mixed', 5))
    )
  })

  it.each(['mixed', 'curriculum'] as ExportOrder[])(
    '%s: sorts by tier (curriculum), seeded hash, key, then position, colliding hashes included',
    (order) => {
      // Two keys whose seeded hashes collide (a birthday search over 32 bits), each twice.
      const firstKey = new Map<number, string>()
      let collision: [string, string] | null = null
      for (let i = 0; !collision; i++) {
        const key = `c${i}`
        const hash = seededHash(9, key)
        const earlier = firstKey.get(hash)
        if (earlier) collision = [earlier, key]
        else firstKey.set(hash, key)
      }
      const [low, high] = collision[0] < collision[1] ? collision : [collision[1], collision[0]]
      const list = [
        ...Array.from({ length: 300 }, (_, i) => ({ key: `r${i % 250}`, tier: (i % 3) + 1 })),
        { key: high, tier: 2 },
        { key: low, tier: 2 },
        { key: high, tier: 2 },
        { key: low, tier: 2 }
      ]
      const reference = list
        .map((_, i) => i)
        .sort((a, b) => {
          const [x, y] = [list[a] as OrderItem, list[b] as OrderItem]
          if (order === 'curriculum' && x.tier !== y.tier) return x.tier - y.tier
          const byHash = seededHash(9, x.key) - seededHash(9, y.key)
          if (byHash !== 0) return byHash
          return x.key < y.key ? -1 : x.key > y.key ? 1 : a - b
        })
      const sorted = exportOrder(list, order, 9)
      expect(sorted).toEqual(reference)
      // The colliding keys sit together, ordered by key, then by position.
      const at = sorted.indexOf(301)
      expect(sorted.slice(at, at + 4)).toEqual([301, 303, 300, 302])
    }
  )
})
