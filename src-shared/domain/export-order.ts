import { seededHash } from './export-split'

/** `mixed`: a seeded shuffle; `curriculum`: simple-to-hard, tier 1 then 2 then 3 (S2H). */
export type ExportOrder = 'mixed' | 'curriculum'

export type OrderItem = { readonly key: string; readonly tier: number }

/**
 * The indices of `items` in export order. Both orders are deterministic for a seed and depend
 * only on each item's content key and tier, never on database ids, so a dataset re-imported into
 * another project exports in the same order. Mixed sorts by the seeded hash of the key
 * (`seededHash`), then by key, then by position; curriculum keeps tiers ascending and orders
 * each tier the same way.
 */
export function exportOrder(
  items: readonly OrderItem[],
  order: ExportOrder,
  seed: number
): number[] {
  const hashes = items.map((item) => seededHash(seed, item.key))
  const all = items.map((_, i) => i)
  const groups = order === 'curriculum' ? byTier(items, all) : [all]
  const ordered: number[] = []
  for (const group of groups) {
    for (const index of rankOrder(group, hashes, items)) ordered.push(index)
  }
  return ordered
}

/** `indices` (ascending) grouped by their item's tier, tiers ascending. */
function byTier(items: readonly OrderItem[], indices: number[]): number[][] {
  const groups = new Map<number, number[]>()
  for (const index of indices) {
    const tier = (items[index] as OrderItem).tier
    let group = groups.get(tier)
    if (!group) groups.set(tier, (group = []))
    group.push(index)
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, group]) => group)
}

/** Positions below this fit beside a 32-bit hash in a double's 53 exact bits. */
const POSITION_SPAN = 2 ** 21

/**
 * `group` (ascending indices) sorted by hash, then key, then index. Hash and position are packed
 * into one double so a typed-array sort, with no comparator call per comparison, does the work
 * (an export sorts every record); the rare runs of equal hashes are then ordered by key.
 */
function rankOrder(group: number[], hashes: number[], items: readonly OrderItem[]): number[] {
  const byKeyThenIndex = (a: number, b: number): number => {
    const ka = (items[a] as OrderItem).key
    const kb = (items[b] as OrderItem).key
    return ka < kb ? -1 : ka > kb ? 1 : a - b
  }
  if (group.length >= POSITION_SPAN) {
    return [...group].sort(
      (a, b) => (hashes[a] as number) - (hashes[b] as number) || byKeyThenIndex(a, b)
    )
  }
  const packed = new Float64Array(group.length)
  group.forEach((index, position) => {
    packed[position] = (hashes[index] as number) * POSITION_SPAN + position
  })
  packed.sort()
  const sorted = Array.from(packed, (value) => group[value % POSITION_SPAN] as number)
  for (let start = 0; start < sorted.length;) {
    const hash = hashes[sorted[start] as number]
    let end = start + 1
    while (end < sorted.length && hashes[sorted[end] as number] === hash) end++
    if (end - start > 1) {
      const run = sorted.slice(start, end).sort(byKeyThenIndex)
      sorted.splice(start, run.length, ...run)
    }
    start = end
  }
  return sorted
}
