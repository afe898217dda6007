import type { RawRgb } from './raw-image'

// 2^16 quantiles of the standard normal: a sample is one table lookup, so noising a 2048 px
// image costs a few milliseconds and depends only on integer arithmetic (same bytes everywhere).
const TABLE_BITS = 16
const TABLE_SIZE = 1 << TABLE_BITS

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239
  ]
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572
  ]
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783
  ]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number]
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number]
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number]
  const [d0, d1, d2, d3] = d as [number, number, number, number]
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    )
  }
  if (p > 1 - low) return -inverseNormal(1 - p)
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  )
}

let quantiles: Float64Array | undefined
function normalQuantiles(): Float64Array {
  if (!quantiles) {
    quantiles = new Float64Array(TABLE_SIZE)
    for (let i = 0; i < TABLE_SIZE; i++) quantiles[i] = inverseNormal((i + 0.5) / TABLE_SIZE)
  }
  return quantiles
}

/** murmur3's 32-bit finalizer: spreads every input bit over the whole state. */
function mix32(value: number): number {
  let h = value >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * The generator state for one noise step: the recipe's seed, the source's SHA-256 (so two
 * images of equal size do not get the same noise field) and the step's position in the chain.
 */
export function noiseState(seed: number, sourceSha256: string, stepIndex: number): number {
  const source = Number.parseInt(sourceSha256.slice(0, 8), 16) || 0
  return mix32(mix32(seed) ^ mix32(source + 0x9e3779b9) ^ Math.imul(stepIndex + 1, 0x27d4eb2f))
}

/**
 * Adds Gaussian noise of standard deviation `sigma` (0–255 scale) to every channel of every
 * pixel, independently, rounding and clamping to 0–255. Deterministic: the same image, sigma
 * and state give the same bytes. The input is not modified.
 */
export function addGaussianNoise(image: RawRgb, sigma: number, state: number): RawRgb {
  const table = normalQuantiles()
  const offsets = new Int16Array(TABLE_SIZE)
  for (let i = 0; i < TABLE_SIZE; i++) offsets[i] = Math.round(sigma * (table[i] as number))
  const src = image.data
  const n = src.length
  const out = new Uint8ClampedArray(n)
  let s = state | 0
  for (let i = 0; i < n; i += 2) {
    // mulberry32: one 32-bit draw feeds two 16-bit table indices.
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t)
    const r = (t ^ (t >>> 14)) >>> 0
    out[i] = (src[i] as number) + (offsets[r >>> 16] as number)
    if (i + 1 < n) out[i + 1] = (src[i + 1] as number) + (offsets[r & 0xffff] as number)
  }
  return {
    data: Buffer.from(out.buffer, out.byteOffset, out.byteLength),
    width: image.width,
    height: image.height
  }
}
