import sharp from 'sharp'

import type { PerturbStep, Recipe } from '../../../src-shared/domain/recipes'
import { addGaussianNoise, noiseState } from './noise'
import { fromRaw, toRaw } from './raw-image'
import type { RawRgb } from './raw-image'

/**
 * zlib level 2 with adaptive row filters: on photographs within ~5% of level 6's size at about
 * half its time, and most of a variant's cost is this encode (measured with sharp 0.35 /
 * zlib-ng). PNG keeps the degradation exactly as the recipe made it, and every VLM image loader
 * reads it.
 */
export const PNG_OPTIONS = { compressionLevel: 2, adaptiveFiltering: true } as const
/**
 * Baseline JPEG with 4:2:0 chroma and standard Huffman tables (libjpeg defaults). Optimized
 * Huffman coding would make files ~20% smaller at 5x the encode time, with identical pixels.
 */
export const JPEG_OPTIONS = { optimiseCoding: false, chromaSubsampling: '4:2:0' } as const

export type RenderedVariant = {
  /** The pixels a reader of `encoded` gets (for JPEG: the decoded JPEG). */
  readonly raw: RawRgb
  readonly encoded: Buffer
  readonly format: 'png' | 'jpeg'
}

/** Exact mosaic: every block × block cell becomes the mean of its pixels (edge cells clipped). */
function pixelate(image: RawRgb, block: number): RawRgb {
  const { width, height, data } = image
  const out = Buffer.allocUnsafe(data.length)
  for (let by = 0; by < height; by += block) {
    const yEnd = Math.min(by + block, height)
    for (let bx = 0; bx < width; bx += block) {
      const xEnd = Math.min(bx + block, width)
      let r = 0
      let g = 0
      let b = 0
      for (let y = by; y < yEnd; y++) {
        for (let i = (y * width + bx) * 3, end = (y * width + xEnd) * 3; i < end; i += 3) {
          r += data[i] as number
          g += data[i + 1] as number
          b += data[i + 2] as number
        }
      }
      const count = (yEnd - by) * (xEnd - bx)
      const mr = Math.round(r / count)
      const mg = Math.round(g / count)
      const mb = Math.round(b / count)
      for (let y = by; y < yEnd; y++) {
        for (let i = (y * width + bx) * 3, end = (y * width + xEnd) * 3; i < end; i += 3) {
          out[i] = mr
          out[i + 1] = mg
          out[i + 2] = mb
        }
      }
    }
  }
  return { data: out, width, height }
}

async function applyStep(
  image: RawRgb,
  step: PerturbStep,
  stepIndex: number,
  sourceSha256: string
): Promise<{ raw: RawRgb; jpeg?: Buffer }> {
  switch (step.type) {
    case 'downsample': {
      const small = await toRaw(
        fromRaw(image).resize(
          Math.max(1, Math.round(image.width / step.factor)),
          Math.max(1, Math.round(image.height / step.factor)),
          { fit: 'fill', kernel: step.kernel }
        )
      )
      if (!step.restore) return { raw: small }
      const restored = fromRaw(small).resize(image.width, image.height, {
        fit: 'fill',
        kernel: step.kernel
      })
      return { raw: await toRaw(restored) }
    }
    case 'blur':
      return { raw: await toRaw(fromRaw(image).blur(step.sigma)) }
    case 'jpeg': {
      const jpeg = await fromRaw(image)
        .jpeg({ quality: step.quality, ...JPEG_OPTIONS })
        .toBuffer()
      return { raw: await toRaw(sharp(jpeg)), jpeg }
    }
    case 'noise':
      return {
        raw: addGaussianNoise(image, step.sigma, noiseState(step.seed, sourceSha256, stepIndex))
      }
    case 'pixelate':
      return { raw: pixelate(image, step.block) }
  }
}

/**
 * Applies a recipe's steps in order to decoded pixels and encodes the result: JPEG bytes as the
 * last JPEG step produced them when the chain ends with `jpeg`, PNG otherwise (the identity
 * recipe gives the normalized source as PNG). Deterministic: the same pixels, recipe and
 * source hash give byte-identical output. `sourceSha256` (hex) seeds noise per source.
 */
export async function applyRecipe(
  source: RawRgb,
  recipe: Recipe,
  sourceSha256: string
): Promise<RenderedVariant> {
  let current = source
  let lastJpeg: Buffer | undefined
  for (const [index, step] of recipe.steps.entries()) {
    const result = await applyStep(current, step, index, sourceSha256)
    current = result.raw
    lastJpeg = result.jpeg
  }
  if (lastJpeg) return { raw: current, encoded: lastJpeg, format: 'jpeg' }
  const encoded = await fromRaw(current).png(PNG_OPTIONS).toBuffer()
  return { raw: current, encoded, format: 'png' }
}
