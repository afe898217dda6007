import { describe, expect, it } from 'vitest'

import { ORDER_BUCKETS, exportOrder, orderBucket } from './export-order'
import type { ExportOrder } from './export-order'

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
    '%s: ordering bucket by bucket gives exportOrder itself',
    (order) => {
      const many = Array.from({ length: 5000 }, (_, i) => ({
        key: `record-${(i * 7919) % 5003}`,
        tier: (i % 3) + 1
      }))
      const buckets = new Map<number, number[]>()
      for (const [index, item] of many.entries()) {
        const bucket = orderBucket(item.key, item.tier, order, 3)
        expect(bucket).toBeGreaterThanOrEqual(0)
        expect(bucket).toBeLessThan(ORDER_BUCKETS)
        buckets.set(bucket, [...(buckets.get(bucket) ?? []), index])
      }
      // Enough buckets in use that the test says something about their boundaries.
      expect(buckets.size).toBeGreaterThan(200)
      const bucketed = [...buckets.keys()]
        .sort((a, b) => a - b)
        .flatMap((bucket) => {
          const members = buckets.get(bucket) as number[]
          const local = exportOrder(
            members.map((i) => many[i] as (typeof many)[number]),
            order,
            3
          )
          return local.map((j) => members[j] as number)
        })
      expect(bucketed).toEqual(exportOrder(many, order, 3))
    }
  )
})
