import { mulberry32 } from './seeded-random'

export type Interval = { readonly low: number; readonly high: number }

/**
 * Percentile bootstrap interval of a statistic over units (test-set groups): `rounds` resamples
 * of the units with replacement, seeded so a report recomputes exactly. Resamples whose
 * statistic is NaN (e.g. no counted pair) are dropped; null when none is left.
 */
export function bootstrapInterval<T>(
  units: readonly T[],
  statistic: (sample: readonly T[]) => number,
  options: { rounds?: number; level?: number; seed?: number } = {}
): Interval | null {
  const rounds = options.rounds ?? 1000
  const level = options.level ?? 0.95
  if (!units.length) return null
  const random = mulberry32(options.seed ?? 1)
  const values: number[] = []
  const sample = new Array<T>(units.length)
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(random() * units.length)]!
    const v = statistic(sample)
    if (!Number.isNaN(v)) values.push(v)
  }
  if (!values.length) return null
  values.sort((a, b) => a - b)
  const tail = (1 - level) / 2
  return { low: quantile(values, tail), high: quantile(values, 1 - tail) }
}

/** Linear-interpolated quantile of sorted values (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}
