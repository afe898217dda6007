import { sniffImageType } from './sniff-image-type'

/** Raster formats a project accepts (sharp's names), all of which the studio can decode. */
export const ACCEPTED_IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif'])

/** Bytes to read from a file's start for `refuseUnlessRaster`. */
export const HEAD_BYTES = 512

/**
 * Refuses, from its first bytes and before any decoder sees it, a file that is not a raster
 * photo format: SVG (a vector document whose decoder could follow external references, and no
 * photo format for VLM datasets), PDF, HTML, or anything unrecognised, whatever its name says.
 * @throws Error saying what the bytes are and what is accepted.
 */
export function refuseUnlessRaster(head: Uint8Array): void {
  if (sniffImageType(head) !== 'application/octet-stream') return
  const text = Buffer.from(head)
    .toString('latin1')
    .replace(/^\ufeff|^\xef\xbb\xbf/, '')
  const start = text.trimStart().slice(0, HEAD_BYTES).toLowerCase()
  let what = 'not an image in an accepted format'
  if (start.includes('<svg') || (start.startsWith('<?xml') && start.includes('svg'))) {
    what = 'an SVG (vector) file, not a raster image'
  } else if (start.startsWith('%pdf')) what = 'a PDF document, not a raster image'
  else if (start.startsWith('<')) what = 'an XML or HTML document, not a raster image'
  throw new Error(`${what}; accepted: PNG, JPEG, WebP, GIF, TIFF, AVIF`)
}
