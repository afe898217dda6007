/** One bar of a histogram: values in [min, max] (both inclusive for integer bins). */
export type HistogramBin = { readonly min: number; readonly max: number; readonly count: number }

const NICE_STEPS = [1, 2, 5]

/** The smallest 1·10ⁿ, 2·10ⁿ or 5·10ⁿ (at least 1 for integers) that fits the span in `bins`. */
function niceWidth(span: number, bins: number, integer: boolean): number {
  const raw = span / bins
  if (raw <= 0) return 1
  const exponent = Math.floor(Math.log10(raw))
  for (const power of [exponent, exponent + 1]) {
    for (const step of NICE_STEPS) {
      const width = step * 10 ** power
      if (width >= raw && (!integer || width >= 1)) return integer ? Math.round(width) : width
    }
  }
  return 10 ** (exponent + 1)
}

/**
 * Histogram of integer values (token or character deltas) in at most `maxBins` bars of a round
 * width, from the smallest to the largest value; bars are inclusive integer ranges, so each
 * maps to a numeric range filter as it is. Empty input gives no bars.
 */
export function integerHistogram(values: readonly number[], maxBins = 20): HistogramBin[] {
  if (values.length === 0) return []
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  const width = niceWidth(hi - lo + 1, maxBins, true)
  const start = Math.floor(lo / width) * width
  const count = Math.floor((hi - start) / width) + 1
  const counts = new Array<number>(count).fill(0)
  for (const v of values) counts[Math.floor((v - start) / width)]!++
  return counts.map((n, i) => ({
    min: start + i * width,
    max: start + (i + 1) * width - 1,
    count: n
  }))
}

/** Histogram of values in [0, 1] (judge scores) in `bins` equal bars; 1 falls in the last. */
export function unitHistogram(values: readonly number[], bins = 10): HistogramBin[] {
  if (values.length === 0) return []
  const counts = new Array<number>(bins).fill(0)
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor(v * bins)))]!++
  return counts.map((n, i) => ({ min: i / bins, max: (i + 1) / bins, count: n }))
}
