import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

import { mediaFilePath, thumbFilePath } from '../../media/media-paths'
import { mediaTempPath } from '../../media/media-temp'
import { decodeInput } from './decode-input'
import { fromRaw } from './raw-image'
import type { RawRgb } from './raw-image'

/** Thumbnails fit inside THUMB_SIZE × THUMB_SIZE (never enlarged), WebP quality 80, effort 1. */
export const THUMB_SIZE = 256

/** Encodes the thumbnail of decoded pixels as WebP bytes. */
export async function renderThumbnail(image: RawRgb): Promise<Buffer> {
  return (
    fromRaw(image)
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      // effort 1 of 6: a 256 px preview does not repay libwebp's slower searches.
      .webp({ quality: 80, effort: 1 })
      .toBuffer()
  )
}

async function writeAtomically(target: string, data: Buffer): Promise<void> {
  await mkdir(dirname(target), { recursive: true })
  const temp = mediaTempPath(target)
  await writeFile(temp, data)
  await rename(temp, target)
}

/**
 * Writes the cached thumbnail of media file `sha256` from pixels already in memory, unless it
 * exists. Returns its path. The file appears atomically (temp name + rename).
 */
export async function writeThumbnail(
  mediaDir: string,
  sha256: string,
  image: RawRgb
): Promise<string> {
  const target = thumbFilePath(mediaDir, sha256)
  if (!existsSync(target)) await writeAtomically(target, await renderThumbnail(image))
  return target
}

/**
 * The path of the cached thumbnail of media file `sha256`, generated from the stored file on
 * first use (the media handler can serve it afterwards).
 * @throws InputRefusedError when the stored file cannot be decoded; ENOENT when it is missing.
 */
export async function ensureThumbnail(mediaDir: string, sha256: string): Promise<string> {
  const target = thumbFilePath(mediaDir, sha256)
  if (existsSync(target)) return target
  const source = mediaFilePath(mediaDir, sha256)
  const decoded = await decodeInput(await readFile(source), { item: source })
  await writeAtomically(target, await renderThumbnail(decoded))
  return target
}
