import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { copyFile, link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

import { mediaFilePath } from '../media/media-paths'

export type StoredMedia = { readonly sha256: string; readonly bytes: number; readonly path: string }

/** SHA-256 of a file, streamed (bounded memory for any size). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * Adds a file to the content-addressed media store: a hard link where the file system allows
 * (no extra bytes), a copy otherwise. Identical content is stored once. The destination
 * appears atomically (temp name + rename), so a crash never leaves a partial media file.
 */
export async function ingestFile(mediaDir: string, source: string): Promise<StoredMedia> {
  const [sha256, info] = await Promise.all([hashFile(source), stat(source)])
  const target = mediaFilePath(mediaDir, sha256)
  if (!existsSync(target)) {
    await mkdir(dirname(target), { recursive: true })
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await link(source, temp).catch(() => copyFile(source, temp))
      await rename(temp, target)
    } finally {
      await rm(temp, { force: true })
    }
  }
  return { sha256, bytes: info.size, path: target }
}

/** Adds bytes produced in memory (a derived variant, a generated image) to the media store. */
export async function ingestBuffer(mediaDir: string, data: Uint8Array): Promise<StoredMedia> {
  const sha256 = createHash('sha256').update(data).digest('hex')
  const target = mediaFilePath(mediaDir, sha256)
  if (!existsSync(target)) {
    await mkdir(dirname(target), { recursive: true })
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(temp, data)
    await rename(temp, target)
  }
  return { sha256, bytes: data.byteLength, path: target }
}
