import { join } from 'node:path'

const SHA256_HEX = /^[0-9a-f]{64}$/

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value)
}

/**
 * Where a content-addressed file lives inside a project's media folder. Files are named by
 * the SHA-256 of their bytes with no extension (the type is sniffed when served), fanned out
 * by the first two hex digits so no folder grows past a few thousand entries at 100k images.
 */
export function mediaFilePath(mediaDir: string, sha256: string): string {
  return join(mediaDir, sha256.slice(0, 2), sha256)
}

/** The cached UI thumbnail (WebP) of a media file. */
export function thumbFilePath(mediaDir: string, sha256: string): string {
  return join(mediaDir, 'thumbs', sha256.slice(0, 2), `${sha256}.webp`)
}
