import { createHash } from 'node:crypto'
import { constants, createReadStream, existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

import { mediaFilePath } from '../media/media-paths'
import { mediaTempPath } from '../media/media-temp'

export type StoredMedia = { readonly sha256: string; readonly bytes: number; readonly path: string }

/** SHA-256 of a file, streamed (bounded memory for any size). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Where files being added to the store are written before they get their name. */
const INCOMING_DIR = 'incoming'

/**
 * Adds a file to the content-addressed media store as bytes the store owns: a copy, or a
 * copy-on-write clone where the file system offers one (COPYFILE_FICLONE, which falls back to a
 * plain copy). Never a hard link: a link shares the inode, so an editor saving the source in
 * place would rewrite the stored original under its old hash, and every pair and export built
 * on it. The copy is hashed (not the source), so the name always matches the stored bytes even
 * if the source changes meanwhile. Identical content is stored once; the file appears
 * atomically (temp name + rename), so a crash never leaves a partial media file under a hash.
 */
export async function ingestFile(mediaDir: string, source: string): Promise<StoredMedia> {
  const incoming = join(mediaDir, INCOMING_DIR)
  await mkdir(incoming, { recursive: true })
  const temp = mediaTempPath(join(incoming, 'file'))
  try {
    await copyFile(source, temp, constants.COPYFILE_FICLONE)
    const [sha256, bytes] = await Promise.all([hashFile(temp), fileSize(temp)])
    const target = mediaFilePath(mediaDir, sha256)
    if (!existsSync(target)) {
      await mkdir(dirname(target), { recursive: true })
      await rename(temp, target)
    }
    return { sha256, bytes, path: target }
  } finally {
    await rm(temp, { force: true })
  }
}

async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size
}

/** Adds bytes produced in memory (a derived variant, a generated image) to the media store. */
export async function ingestBuffer(mediaDir: string, data: Uint8Array): Promise<StoredMedia> {
  const sha256 = createHash('sha256').update(data).digest('hex')
  const target = mediaFilePath(mediaDir, sha256)
  if (!existsSync(target)) {
    await mkdir(dirname(target), { recursive: true })
    const temp = mediaTempPath(target)
    try {
      await writeFile(temp, data)
      await rename(temp, target)
    } finally {
      await rm(temp, { force: true })
    }
  }
  return { sha256, bytes: data.byteLength, path: target }
}

/** A stored media file whose bytes are missing or no longer match the hash they are named by. */
export class MediaIntegrityError extends Error {
  override name = 'MediaIntegrityError'
}

/**
 * The bytes of a stored media file, after proving they still hash to `sha256`. For whatever
 * leaves the project (exports, embedded parquet images): a file changed on disk since it was
 * stored must fail loudly, not ship under a hash it no longer has.
 * @throws MediaIntegrityError naming the hash when the file is missing or differs.
 */
export async function readVerifiedMedia(mediaDir: string, sha256: string): Promise<Buffer> {
  let data: Buffer
  try {
    data = await readFile(mediaFilePath(mediaDir, sha256))
  } catch (error) {
    throw new MediaIntegrityError(`media file ${sha256} is missing: ${(error as Error).message}`, {
      cause: error
    })
  }
  if (createHash('sha256').update(data).digest('hex') !== sha256) throw changedError(sha256)
  return data
}

/**
 * Proves, by streaming it, that a stored media file (or a copy of one at `file`) still hashes
 * to `sha256`; for copies made outside JavaScript (the export's native copier).
 * @throws MediaIntegrityError naming the hash when the file is missing or differs.
 */
export async function verifyMediaFile(
  mediaDir: string,
  sha256: string,
  file = mediaFilePath(mediaDir, sha256)
): Promise<void> {
  let actual: string
  try {
    actual = await hashFile(file)
  } catch (error) {
    throw new MediaIntegrityError(`media file ${sha256} is missing: ${(error as Error).message}`, {
      cause: error
    })
  }
  if (actual !== sha256) throw changedError(sha256)
}

function changedError(sha256: string): MediaIntegrityError {
  return new MediaIntegrityError(
    `media file ${sha256} no longer matches its SHA-256: it was changed on disk after it was stored`
  )
}
