import sharp from 'sharp'
import type { Sharp } from 'sharp'

/** Decoded pixels: 8-bit sRGB, 3 interleaved channels, row-major, no padding. */
export type RawRgb = { readonly data: Buffer; readonly width: number; readonly height: number }

/** A sharp pipeline reading raw RGB pixels (no decode, no colour management). */
export function fromRaw(image: RawRgb): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
}

/**
 * Runs a pipeline to raw RGB. Every pipeline here starts from 3-channel sRGB, so anything else is
 * a programming error, reported as such.
 */
export async function toRaw(pipeline: Sharp): Promise<RawRgb> {
  const { data, info } = await pipeline
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
  if (info.channels !== 3) throw new Error(`expected 3 channels, pipeline gave ${info.channels}`)
  return { data, width: info.width, height: info.height }
}
