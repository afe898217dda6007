import { createHash, hash } from 'node:crypto'

import sharp from 'sharp'
import type { Metadata } from 'sharp'

import { detectTier } from '../../../src-shared/domain/tier-detect'
import type { Db } from '../../db/open-database'
import { decodeInFull } from '../../media/decode-in-full'
import { isDecoded, rememberDecoded } from '../../store/decoded-media'
import { hashFile, ingestBuffer, ingestFile } from '../../store/media-store'
import { storeFor } from '../../store/store'

export type StoredImage = { readonly id: number; readonly sha256: string }

/** What ingest learns about an image before storing it. */
export type ImageProbe = {
  readonly sha256: string
  readonly width: number
  readonly height: number
  readonly format: string
}

export type ImageSource = { readonly file: string } | { readonly bytes: Uint8Array }

/**
 * Hashes an image, reads its header and decodes it in full, so a truncated or corrupt file is
 * refused where it enters (not at the first export, whose self-check would then fail). Content
 * already known to decode (`decoded_media`: a dataset repeats its images across rows) is not
 * decoded again. Only reads `db`, so several probes can run while rows are written.
 * @throws Error naming the reason when the bytes are not a decodable image.
 */
export async function probeImage(db: Db, source: ImageSource): Promise<ImageProbe> {
  const input = 'file' in source ? source.file : Buffer.from(source.bytes)
  const sha256 = 'file' in source ? await hashFile(source.file) : hash('sha256', input)
  let meta: Metadata
  try {
    meta = await sharp(input, { failOn: 'error' }).metadata()
    if (!isDecoded(db, sha256)) await decodeInFull(input)
  } catch (error) {
    throw new Error(
      `not a readable image (${error instanceof Error ? error.message : String(error)})`,
      { cause: error }
    )
  }
  if (!meta.width || !meta.height || !meta.format) throw new Error('not a readable image')
  return { sha256, width: meta.width, height: meta.height, format: meta.format }
}

/**
 * Adds an original image (file or bytes) to the media store and the `images` table, after
 * `probeImage` (pass `probed` when it already ran). The same content is stored and recorded once:
 * a second call returns the existing row. Its hash goes to `decoded_media`, so exports prove it
 * decodes by hashing it (see `ImageCheck`).
 * @throws Error naming the reason when the bytes are not a decodable image.
 */
export async function addOriginalImage(
  db: Db,
  mediaDir: string,
  source: ImageSource,
  origin: string,
  probed?: Promise<ImageProbe>
): Promise<StoredImage> {
  const probe = await (probed ?? probeImage(db, source))
  const stored =
    'file' in source
      ? await ingestFile(mediaDir, source.file)
      : await ingestBuffer(mediaDir, source.bytes)
  const id = storeFor(db).images.insertOriginal({
    sha256: stored.sha256,
    width: probe.width,
    height: probe.height,
    format: probe.format,
    bytes: stored.bytes,
    origin
  })
  // The file could have changed between the probe and the copy: only the bytes decoded count.
  if (stored.sha256 === probe.sha256) rememberDecoded(db, probe.sha256)
  return { id, sha256: stored.sha256 }
}

/**
 * The duplicate key of a sample: its image hashes in order plus its question with case and
 * whitespace folded, so the same question on the same images is imported once.
 */
export function sampleDedupeKey(imageShas: readonly string[], question: string): string {
  const folded = question.trim().replace(/\s+/g, ' ').toLowerCase()
  return createHash('sha256')
    .update(`${imageShas.join(',')}\n${folded}`)
    .digest('hex')
}

export type NewSample = {
  readonly question: string
  readonly images: readonly StoredImage[]
  readonly groundTruth?: string | null
  readonly externalId?: string | null
  readonly metadata?: Record<string, unknown> | null
}

/**
 * Inserts a sample with its ordered images and an automatic tier (tier source `auto`, from the
 * image count and the indices the question names). Returns `duplicate: true` with the existing
 * id when a sample with the same images and question exists; nothing is changed then.
 */
export function insertSample(db: Db, sample: NewSample): { id: number; duplicate: boolean } {
  const key = sampleDedupeKey(
    sample.images.map((image) => image.sha256),
    sample.question
  )
  const { tier } = detectTier(sample.question, sample.images.length)
  const result = storeFor(db).samples.insert({
    question: sample.question,
    groundTruth: sample.groundTruth ?? null,
    tier,
    tierSource: 'auto',
    externalId: sample.externalId ?? null,
    metadata: sample.metadata ?? null,
    dedupeKey: key,
    imageIds: sample.images.map((image) => image.id)
  })
  return { id: result.id, duplicate: !result.inserted }
}
