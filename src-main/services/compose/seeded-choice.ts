import { fnv1a, mulberry32 } from '../../../src-shared/domain/seeded-random'

/** Seeded choices for one composed item; the same seed and name give the same choices. */
export type Choice = {
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  /** `count` distinct items in a seeded order (Fisher–Yates over a copy). */
  sample<T>(items: readonly T[], count: number): T[]
  shuffle<T>(items: readonly T[]): T[]
}

/** The item seed of item `index` of tier `tier`: independent streams per item, stable per seed. */
export function itemSeed(seed: number, tier: number, index: number): number {
  return fnv1a(`${seed}:${tier}:${index}`)
}

export function choiceFor(seed: number): Choice {
  const next = mulberry32(seed)
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i)
      ;[out[i], out[j]] = [out[j] as T, out[i] as T]
    }
    return out
  }
  return {
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('nothing to pick from')
      return items[int(0, items.length - 1)] as (typeof items)[number]
    },
    sample: (items, count) => shuffle(items).slice(0, count),
    shuffle
  }
}
