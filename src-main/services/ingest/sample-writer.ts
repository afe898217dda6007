import { createHash, hash } from 'node:crypto'
import { open } from 'node:fs/promises'

import sharp from 'sharp'
import type { Metadata } from 'sharp'

import { detectTier } from '../../../src-shared/domain/tier-detect'
import type { Db } from '../../db/open-database'
import { decodeInFull } from '../../media/decode-in-full'
import { ACCEPTED_IMAGE_FORMATS, HEAD_BYTES, refuseUnlessRaster } from '../../media/raster-formats'
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
  /** Set when the source had an EXIF orientation: the upright bytes, stored instead of it. */
  readonly upright?: Buffer
}

export type ImageSource = { readonly file: string } | { readonly bytes: Uint8Array }

/**
 * Checks an image where it enters: its first bytes must be a raster photo format (SVG, PDF and
 * unknown bytes never reach a decoder), its decoder must name an accepted format, and its
 * compressed data must decode in full and strictly (`decodeInFull`), so a truncated or corrupt
 * file is refused here, not at the first export. Content already known to decode
 * (`decoded_media`: a dataset repeats its images across rows) is not decoded again.
 * An image with an EXIF orientation is turned upright here (`upright`, stored instead of the
 * source), so the original, its variants, the model and the export all see the same pixels and
 * the recorded size is the one a viewer shows. Only reads `db`, so several probes can run while
 * rows are written.
 * @throws Error naming the reason when the bytes are not an accepted, decodable image.
 */
export async function probeImage(db: Db, source: ImageSource): Promise<ImageProbe> {
  const input = 'file' in source ? source.file : Buffer.from(source.bytes)
  let meta: Metadata
  try {
    refuseUnlessRaster(await readHead(source))
    meta = await sharp(input, { failOn: 'warning' }).metadata()
    if (meta.format && !ACCEPTED_IMAGE_FORMATS.has(meta.format)) {
      throw new Error(`a ${meta.format} file, not an accepted raster format`)
    }
  } catch (error) {
    throw unreadable(error)
  }
  if (!meta.width || !meta.height || !meta.format) throw new Error('not a readable image')
  const sha256 = 'file' in source ? await hashFile(source.file) : hash('sha256', input)
  try {
    if (!isDecoded(db, sha256)) await decodeInFull(input, meta.width * meta.height)
  } catch (error) {
    throw unreadable(error)
  }
  if ((meta.orientation ?? 1) === 1) {
    return { sha256, width: meta.width, height: meta.height, format: meta.format }
  }
  return uprightProbe(input, meta.format)
}

/** The probe of `input` turned upright by its EXIF orientation, with the bytes to store. */
async function uprightProbe(input: string | Buffer, format: string): Promise<ImageProbe> {
  // JPEG stays JPEG (the source was lossy already; quality 95 and no chroma subsampling keep
  // what it had); every other format becomes lossless PNG.
  const turned = sharp(input).rotate()
  const { data, info } = await (
    format === 'jpeg' ? turned.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }) : turned.png()
  ).toBuffer({ resolveWithObject: true })
  return {
    sha256: hash('sha256', data),
    width: info.width,
    height: info.height,
    format: info.format,
    upright: data
  }
}

async function readHead(source: ImageSource): Promise<Uint8Array> {
  if ('bytes' in source) return source.bytes.subarray(0, HEAD_BYTES)
  const handle = await open(source.file, 'r')
  try {
    const head = new Uint8Array(HEAD_BYTES)
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0)
    return head.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

function unreadable(error: unknown): Error {
  const said = error instanceof Error ? error.message : String(error)
  // sharp's words when libvips' own message did not survive (it keeps one per thread).
  const reason = said.startsWith('Warning treated as error')
    ? 'corrupt image data: the decoder reported damage'
    : said
  return new Error(`not a readable image (${reason})`, { cause: error })
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
  const stored = probe.upright
    ? await ingestBuffer(mediaDir, probe.upright)
    : 'file' in source
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
