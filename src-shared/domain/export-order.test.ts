import { describe, expect, it } from 'vitest'

import { exportOrder } from './export-order'

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
})
