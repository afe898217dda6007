import sharp from 'sharp'

import { sniffImageType } from './sniff-image-type'

/**
 * Types llama-server decodes itself (stb_image): PNG and JPEG. A project also accepts WebP, GIF,
 * TIFF and AVIF (see `ACCEPTED_IMAGE_FORMATS`), which it cannot load ("Failed to load image"),
 * so those are converted when sent.
 */
const MODEL_READABLE = new Set(['image/png', 'image/jpeg'])

const DATA_URI = /^data:([^;,]+);base64,/

/**
 * The `data:` URI to send the model for an image: PNG and JPEG as they are, anything else
 * (bytes or a data URI) decoded and re-encoded as PNG, which is lossless, so the model sees the
 * same pixels the project holds. Animated images give their first frame, as the studio shows.
 */
export async function modelReadableDataUri(
  image: Uint8Array | { dataUri: string }
): Promise<string> {
  if ('dataUri' in image) {
    const mime = DATA_URI.exec(image.dataUri)?.[1]?.toLowerCase()
    if (mime && MODEL_READABLE.has(mime)) return image.dataUri
    const base64 = image.dataUri.slice(image.dataUri.indexOf(',') + 1)
    return toPngUri(Buffer.from(base64, 'base64'))
  }
  const bytes = Buffer.from(image.buffer, image.byteOffset, image.byteLength)
  const type = sniffImageType(bytes.subarray(0, 16))
  if (MODEL_READABLE.has(type)) return `data:${type};base64,${bytes.toString('base64')}`
  return toPngUri(bytes)
}

async function toPngUri(bytes: Buffer): Promise<string> {
  // compressionLevel 1: the URI lives for one request; encode time matters more than its size.
  const png = await sharp(bytes, { pages: 1 }).png({ compressionLevel: 1 }).toBuffer()
  return `data:image/png;base64,${png.toString('base64')}`
}
