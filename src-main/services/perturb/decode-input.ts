import sharp from 'sharp'
import type { Metadata } from 'sharp'
import { DEFAULT_MAX_PIXELS } from '../../../src-shared/contract/perturb'

import { sniffImageType } from '../../media/sniff-image-type'
import { toRaw } from './raw-image'
import type { RawRgb } from './raw-image'

/** Default decompression-bomb guard: 100 megapixels (a 10000 × 10000 image). */
export { DEFAULT_MAX_PIXELS }

/**
 * An input the engine will not process. `message` is `<item>: <reason>`, ready for a person;
 * `item` names the file (path or label) and `reason` says why, so a job can log it and go on.
 */
export class InputRefusedError extends Error {
  override readonly name = 'InputRefusedError'
  constructor(
    readonly item: string,
    readonly reason: string
  ) {
    super(`${item}: ${reason}`)
  }
}

export type DecodedInput = RawRgb & {
  /** Container format as libvips names it (jpeg, png, webp, gif, heif, tiff, …). */
  readonly format: string
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]?.trim() ?? text
}

function describeHead(bytes: Uint8Array): string {
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')
  return `unrecognized content, first bytes ${head}`
}

/**
 * Decodes an image file's bytes to 8-bit sRGB RGB pixels, the common ground of every recipe:
 * EXIF orientation applied, embedded ICC profile (or CMYK) converted to sRGB, 16-bit reduced to
 * 8-bit, grayscale and palette expanded to RGB, alpha composited over white, only the first
 * frame of an animation.
 * @throws InputRefusedError for zero bytes, content that is no image, truncated or corrupt data,
 *   or more than `maxPixels` pixels (checked from the header, before any pixel is decoded).
 */
export async function decodeInput(
  bytes: Uint8Array,
  options: { item: string; maxPixels?: number }
): Promise<DecodedInput> {
  const { item } = options
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS
  if (bytes.length === 0) throw new InputRefusedError(item, 'empty file (0 bytes)')
  const input = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const sniffed = sniffImageType(input.subarray(0, 16))
  let meta: Metadata
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata()
  } catch (error) {
    if (sniffed === 'application/octet-stream') {
      throw new InputRefusedError(item, `not an image (${describeHead(input)})`)
    }
    throw new InputRefusedError(item, `corrupt ${sniffed} header (${firstLine(error)})`)
  }
  const width = meta.width ?? 0
  const height = meta.pageHeight ?? meta.height ?? 0
  if (width <= 0 || height <= 0) throw new InputRefusedError(item, 'image has no pixels')
  if (width * height > maxPixels) {
    throw new InputRefusedError(
      item,
      `${width}×${height} = ${width * height} pixels exceeds the limit of ${maxPixels} pixels`
    )
  }
  try {
    const decoded = await toRaw(
      // failOn 'truncated' refuses cut-off files but tolerates the benign warnings phones and
      // scanners often leave (extraneous bytes before a marker, odd EXIF).
      sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels, pages: 1 })
        .autoOrient()
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
    )
    return { ...decoded, format: meta.format ?? 'unknown' }
  } catch (error) {
    throw new InputRefusedError(
      item,
      `truncated or corrupt ${meta.format ?? 'image'} data (${firstLine(error)})`
    )
  }
}
