import { seededUnit } from './export-split'

/** `mixed`: a seeded shuffle; `curriculum`: simple-to-hard, tier 1 then 2 then 3 (S2H). */
export type ExportOrder = 'mixed' | 'curriculum'

export type OrderItem = { readonly key: string; readonly tier: number }

/**
 * The indices of `items` in export order. Both orders are deterministic for a seed and depend
 * only on each item's content key and tier, never on database ids, so a dataset re-imported into
 * another project exports in the same order. Curriculum keeps tiers ascending and shuffles
 * within a tier with the same seeded hash.
 */
export function exportOrder(
  items: readonly OrderItem[],
  order: ExportOrder,
  seed: number
): number[] {
  const rank = items.map((item) => seededUnit(seed, item.key))
  const indices = items.map((_, i) => i)
  indices.sort((a, b) => {
    if (order === 'curriculum') {
      const byTier = (items[a] as OrderItem).tier - (items[b] as OrderItem).tier
      if (byTier !== 0) return byTier
    }
    const byRank = (rank[a] as number) - (rank[b] as number)
    if (byRank !== 0) return byRank
    const ka = (items[a] as OrderItem).key
    const kb = (items[b] as OrderItem).key
    return ka < kb ? -1 : ka > kb ? 1 : a - b
  })
  return indices
}

/** Buckets `orderBucket` spreads records over, in all (curriculum: a third per tier). */
export const ORDER_BUCKETS = 255

/**
 * A coarse position in `exportOrder`: records in a lower bucket always come before records in a
 * higher one, so records can be grouped by bucket as they are read and each bucket ordered on
 * its own (`exportOrder` over just its records), without ever sorting or holding all of them.
 * Buckets split the seeded rank range evenly (within each tier, for curriculum). Tiers are 1–3.
 */
export function orderBucket(key: string, tier: number, order: ExportOrder, seed: number): number {
  const perTier = order === 'curriculum' ? ORDER_BUCKETS / 3 : ORDER_BUCKETS
  const rankBucket = Math.floor(seededUnit(seed, key) * perTier)
  return order === 'curriculum' ? (tier - 1) * perTier + rankBucket : rankBucket
}
