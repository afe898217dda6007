import { fromRaw, toRaw } from './raw-image'
import type { RawRgb } from './raw-image'

/**
 * Metrics are computed at a fixed analysis size (longest side at most 256 px) so that scores of
 * images of different resolutions are comparable and cost the same; smaller images are analysed
 * at their own size. The price: detail finer than 1/256 of the image is not seen, so a mild
 * downsample of a large image scores close to the source (SSIM near 1).
 */
export const ANALYSIS_MAX_SIDE = 256
/** PSNR reported for identical images (MSE 0), where the formula diverges. */
export const PSNR_IDENTICAL_DB = 100

/** A luminance plane (BT.601 luma, 0–255) at the analysis size. */
export type LumaPlane = {
  readonly data: Float32Array
  readonly width: number
  readonly height: number
}

/** The analysis size for a source of `width` × `height`: longest side ≤ ANALYSIS_MAX_SIDE. */
export function analysisSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, ANALYSIS_MAX_SIDE / Math.max(width, height))
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale))
  }
}

/**
 * Resizes (when needed) to exactly `size` and returns the scaled pixels with their BT.601 luma.
 * Source and variant go through the same resampler, so a variant kept small is compared after
 * scaling it to the same grid. The scaled pixels also serve for thumbnails (already ≤ 256 px).
 */
export async function analysisView(
  image: RawRgb,
  size: { width: number; height: number }
): Promise<{ rgb: RawRgb; luma: LumaPlane }> {
  const rgb =
    image.width === size.width && image.height === size.height
      ? image
      : await toRaw(
          fromRaw(image).resize(size.width, size.height, { fit: 'fill', kernel: 'cubic' })
        )
  const px = rgb.data
  const luma = new Float32Array(size.width * size.height)
  for (let i = 0, j = 0; i < luma.length; i++, j += 3) {
    luma[i] =
      0.299 * (px[j] as number) + 0.587 * (px[j + 1] as number) + 0.114 * (px[j + 2] as number)
  }
  return { rgb, luma: { data: luma, width: size.width, height: size.height } }
}

/** The luma plane of analysisView. */
export async function analysisLuma(
  image: RawRgb,
  size: { width: number; height: number }
): Promise<LumaPlane> {
  return (await analysisView(image, size)).luma
}

function assertSameGrid(a: LumaPlane, b: LumaPlane): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`metric planes differ: ${a.width}x${a.height} vs ${b.width}x${b.height}`)
  }
}

/**
 * Peak signal-to-noise ratio in dB (peak 255) between two planes of equal size; PSNR_IDENTICAL_DB
 * when they are identical. Higher is closer.
 */
export function psnr(a: LumaPlane, b: LumaPlane): number {
  assertSameGrid(a, b)
  let sum = 0
  for (let i = 0; i < a.data.length; i++) {
    const d = (a.data[i] as number) - (b.data[i] as number)
    sum += d * d
  }
  const mse = sum / a.data.length
  if (mse === 0) return PSNR_IDENTICAL_DB
  return Math.min(PSNR_IDENTICAL_DB, 10 * Math.log10((255 * 255) / mse))
}

const WINDOW = 11
const SIGMA = 1.5
const GAUSS = (() => {
  const w = new Float64Array(WINDOW)
  let total = 0
  for (let i = 0; i < WINDOW; i++) {
    const x = i - (WINDOW - 1) / 2
    w[i] = Math.exp(-(x * x) / (2 * SIGMA * SIGMA))
    total += w[i] as number
  }
  return w.map((v) => v / total)
})()

const [G0, G1, G2, G3, G4, G5] = Array.from({ length: 6 }, (_, k) => GAUSS[k] as number) as [
  number,
  number,
  number,
  number,
  number,
  number
]

/**
 * Separable Gaussian filter over the 'valid' region: output is (w-10) × (h-10). The window is
 * symmetric, so taps are folded in pairs (6 multiplies instead of 11) with the weights held in
 * constants: this is the hottest loop of the engine, three times per variant.
 */
function filterValid(src: Float64Array, width: number, height: number): Float64Array {
  const ow = width - WINDOW + 1
  const oh = height - WINDOW + 1
  const rows = new Float64Array(ow * height)
  for (let y = 0; y < height; y++) {
    const base = y * width
    const out = y * ow
    for (let x = 0; x < ow; x++) {
      const i = base + x
      rows[out + x] =
        G0 * ((src[i] as number) + (src[i + 10] as number)) +
        G1 * ((src[i + 1] as number) + (src[i + 9] as number)) +
        G2 * ((src[i + 2] as number) + (src[i + 8] as number)) +
        G3 * ((src[i + 3] as number) + (src[i + 7] as number)) +
        G4 * ((src[i + 4] as number) + (src[i + 6] as number)) +
        G5 * (src[i + 5] as number)
    }
  }
  const out = new Float64Array(ow * oh)
  const s = ow
  for (let y = 0; y < oh; y++) {
    const base = y * ow
    for (let x = 0; x < ow; x++) {
      const i = base + x
      out[i] =
        G0 * ((rows[i] as number) + (rows[i + 10 * s] as number)) +
        G1 * ((rows[i + s] as number) + (rows[i + 9 * s] as number)) +
        G2 * ((rows[i + 2 * s] as number) + (rows[i + 8 * s] as number)) +
        G3 * ((rows[i + 3 * s] as number) + (rows[i + 7 * s] as number)) +
        G4 * ((rows[i + 4 * s] as number) + (rows[i + 6 * s] as number)) +
        G5 * (rows[i + 5 * s] as number)
    }
  }
  return out
}

const C1 = (0.01 * 255) ** 2
const C2 = (0.03 * 255) ** 2

function ssimTerm(mx: number, my: number, vx: number, vy: number, cov: number): number {
  return ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2))
}

/**
 * Mean structural similarity (Wang et al. 2004: 11×11 Gaussian window, sigma 1.5, K1 0.01,
 * K2 0.03, peak 255) over the windows that fit inside the plane; a plane smaller than one
 * window is scored as a single window. 1 means identical; it falls toward 0 (or below) as
 * structure is lost.
 */
export function ssim(a: LumaPlane, b: LumaPlane): number {
  return ssimAgainst(a)(b)
}

/**
 * `ssim` with the reference's local statistics computed once: the returned function scores any
 * number of planes of the same grid against `reference` (a source against its variants) at
 * three fifths of the filtering cost of calling `ssim` each time.
 */
export function ssimAgainst(reference: LumaPlane): (other: LumaPlane) => number {
  const { width, height } = reference
  if (width < WINDOW || height < WINDOW) {
    return (other) => {
      assertSameGrid(reference, other)
      return globalSsim(reference.data, other.data)
    }
  }
  const n = width * height
  const x = Float64Array.from(reference.data)
  const xx = new Float64Array(n)
  for (let i = 0; i < n; i++) xx[i] = (x[i] as number) * (x[i] as number)
  const mx = filterValid(x, width, height)
  const vx = filterValid(xx, width, height)
  for (let i = 0; i < mx.length; i++) vx[i] = (vx[i] as number) - (mx[i] as number) ** 2
  return (other) => {
    assertSameGrid(reference, other)
    const y = Float64Array.from(other.data)
    const yy = new Float64Array(n)
    const xy = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number
      yy[i] = yi * yi
      xy[i] = (x[i] as number) * yi
    }
    const my = filterValid(y, width, height)
    const syy = filterValid(yy, width, height)
    const sxy = filterValid(xy, width, height)
    let total = 0
    for (let i = 0; i < mx.length; i++) {
      const ux = mx[i] as number
      const uy = my[i] as number
      total += ssimTerm(
        ux,
        uy,
        vx[i] as number,
        (syy[i] as number) - uy * uy,
        (sxy[i] as number) - ux * uy
      )
    }
    return total / mx.length
  }
}

/** SSIM of two planes taken as a single window (planes smaller than the Gaussian window). */
function globalSsim(a: Float32Array, b: Float32Array): number {
  const n = a.length
  let mx = 0
  let my = 0
  for (let i = 0; i < n; i++) {
    mx += a[i] as number
    my += b[i] as number
  }
  mx /= n
  my /= n
  let vx = 0
  let vy = 0
  let cov = 0
  for (let i = 0; i < n; i++) {
    const dx = (a[i] as number) - mx
    const dy = (b[i] as number) - my
    vx += dx * dx
    vy += dy * dy
    cov += dx * dy
  }
  return ssimTerm(mx, my, vx / n, vy / n, cov / n)
}
