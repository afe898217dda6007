import { createHash } from 'node:crypto'
import { constants, mkdirSync } from 'node:fs'
import { copyFile, open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import sharp from 'sharp'

import type { ExportOptions } from '../../../../src-shared/contract/exports'
import { mediaFilePath } from '../../../media/media-paths'
import { readVerifiedMedia } from '../../../store/media-store'
import type { ImageRef } from '../formats/pair'

/** A file an export wrote, with what the manifest records about it. */
export type WrittenFile = { readonly path: string; readonly sha256: string; readonly bytes: number }

/**
 * Stored formats every reader of an export decodes (Pillow, which `datasets`, TRL and
 * LLaMA-Factory load images with, and browsers), by sharp's format names. Anything else (AVIF
 * and HEIC, both `heif` to sharp; JPEG 2000, JPEG XL, SVG) goes out converted to PNG.
 */
const READABLE: Record<string, string> = {
  jpeg: 'jpg',
  jpg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  tiff: 'tiff'
}

/** Whether an image leaves the export converted (see READABLE). */
export function needsConversion(format: string): boolean {
  return !(format.toLowerCase() in READABLE)
}

/** The file name an image gets in an export: `<sha256>[-s<maxSide>].<ext>`. */
export function exportImageName(image: ImageRef, mode: ExportOptions['images']): string {
  const ext = READABLE[image.format.toLowerCase()] ?? 'png'
  return `${image.sha256}${mode.mode === 'reencode' ? `-s${mode.maxSide}` : ''}.${ext}`
}

/**
 * Copies at once. `fs.copyFile` runs on libuv's pool (4 threads by default) and asks for a
 * copy-on-write clone first (FICLONE: APFS, Btrfs, XFS), then copies in the kernel; each copy is
 * then read back to hash it. A copy's next step waits for the main thread, which plans, writes
 * and checks rows meanwhile in stretches of a few milliseconds: enough copies in flight keep the
 * pool's queue from running dry in between. Each holds one hash buffer (HASH_CHUNK).
 */
const COPY_CONCURRENCY = 32
/** Re-encodes at once: each holds a source file in memory, and sharp runs 4 at a time anyway. */
const REENCODE_CONCURRENCY = 4

/** An image ready to embed: its bytes and the file name recorded beside them. */
export type EmbeddedImage = { readonly name: string; readonly bytes: Uint8Array }

/**
 * Produces the image files or bytes of an export, each distinct image once however many records
 * use it. In `copy` mode the stored bytes go out unchanged, except formats the training stacks
 * cannot read (`needsConversion`), which are converted to PNG; in `reencode` mode images larger
 * than `maxSide` are scaled down inside it. A missing or unreadable media file fails the export
 * with an error naming the image.
 *
 * `verbatim` holds the SHA-256 of every output that is the stored file byte for byte: the media
 * store is content-addressed and decodes every image when it enters the project, so the
 * self-check proves those by hash and decodes only the rest. Each copy is hashed as soon as it
 * lands (`proved`), streamed, while rows are still being written: the self-check takes those
 * proofs instead of reading every image again after the last copy.
 */
export class ImageSink {
  readonly #placed = new Map<string, string>()
  readonly #placedImages = new Map<string, ImageRef>()
  readonly #written: WrittenFile[] = []
  readonly #queue: Array<() => Promise<void>> = []
  /** Relative path → settles when that file is written (or the sink failed or stopped). */
  readonly #landed = new Map<string, Promise<void>>()
  readonly #release = new Set<() => void>()
  /** Whether every file placed so far is a verbatim copy (its manifest entry known at once). */
  #allVerbatim = true
  readonly #inFlight = new Set<Promise<void>>()
  readonly #mediaDir: string
  readonly #outDir: string
  readonly #mode: ExportOptions['images']
  readonly #distinct = new Set<string>()
  readonly verbatim = new Set<string>()
  /** Copied files (relative path → SHA-256 of the bytes read back after the copy). */
  readonly proved = new Map<string, string>()
  /** Images converted to PNG, by their stored format. */
  readonly converted: Record<string, number> = {}
  #madeDir = false
  #error: unknown = null

  constructor(mediaDir: string, outDir: string, mode: ExportOptions['images']) {
    this.#mediaDir = mediaDir
    this.#outDir = outDir
    this.#mode = mode
  }

  /** How many distinct images the export has placed or embedded so far. */
  get distinct(): number {
    return this.#distinct.size
  }

  /**
   * Schedules the image to be written under `images/` (once, however often it is placed) and
   * returns its relative path at once, so records are written while copies run, a bounded
   * number at a time. Failures surface from `throwIfFailed` or `files`.
   */
  place(image: ImageRef): string {
    let rel = this.#placed.get(image.sha256)
    if (rel === undefined) {
      rel = `images/${exportImageName(image, this.#mode)}`
      this.#placed.set(image.sha256, rel)
      this.#placedImages.set(image.sha256, image)
      this.#note(image)
      const target = rel
      if (!this.#verbatimMode() || needsConversion(image.format)) this.#allVerbatim = false
      this.#landed.set(
        rel,
        new Promise<void>((resolve) => {
          this.#release.add(resolve)
          this.#queue.push(() =>
            this.#writeFile(image, target).finally(() => {
              this.#release.delete(resolve)
              resolve()
            })
          )
        })
      )
      this.#pump()
    }
    return rel
  }

  /** Settles once the file at `rel` (see `place`) is written, or the sink failed or stopped. */
  whenWritten(rel: string): Promise<void> {
    return this.#landed.get(rel) ?? Promise.resolve()
  }

  /**
   * The manifest entries of every file placed so far when all are verbatim copies (hash and size
   * are the stored image's, known before the copy lands), else null (wait for `files`).
   */
  plannedFiles(): WrittenFile[] | null {
    if (!this.#allVerbatim) return null
    return [...this.#placedImages.values()].map((image) => ({
      path: this.#placed.get(image.sha256) as string,
      sha256: image.sha256,
      bytes: image.bytes
    }))
  }

  /** The image's bytes as the export embeds them (the Parquet formats). */
  async embed(image: ImageRef): Promise<EmbeddedImage> {
    const first = !this.#distinct.has(image.sha256)
    this.#note(image)
    const { bytes, verbatim } = await this.#output(image)
    if (first && verbatim) this.verbatim.add(image.sha256)
    return { name: exportImageName(image, this.#mode), bytes }
  }

  /** Throws the first failure so far, if any (work still running is not awaited). */
  throwIfFailed(): void {
    if (this.#error) throw this.#error
  }

  /** Waits for every image and returns the files written; throws the first failure. */
  async files(): Promise<WrittenFile[]> {
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight)
    if (this.#error) throw this.#error
    return this.#written
  }

  /**
   * Drops waiting work and waits for running work, so nothing writes into the folder after
   * this resolves (the caller is about to delete it). Never throws.
   */
  async abort(): Promise<void> {
    this.#queue.length = 0
    this.#error ??= new Error('export aborted')
    this.#releaseWaiting()
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight)
  }

  /** Files that will never be written (the sink failed or stopped) release their waiters. */
  #releaseWaiting(): void {
    for (const resolve of this.#release) resolve()
    this.#release.clear()
  }

  #note(image: ImageRef): void {
    if (this.#distinct.has(image.sha256)) return
    this.#distinct.add(image.sha256)
    if (needsConversion(image.format)) {
      const format = image.format.toLowerCase()
      this.converted[format] = (this.converted[format] ?? 0) + 1
    }
  }

  #pump(): void {
    const limit = this.#verbatimMode() ? COPY_CONCURRENCY : REENCODE_CONCURRENCY
    while (this.#inFlight.size < limit && this.#queue.length > 0 && !this.#error) {
      const next = this.#queue.shift() as () => Promise<void>
      const task: Promise<void> = next()
        .catch((error: unknown) => {
          this.#error ??= error
          this.#queue.length = 0
          this.#releaseWaiting()
        })
        .finally(() => {
          this.#inFlight.delete(task)
          this.#pump()
        })
      this.#inFlight.add(task)
    }
  }

  #verbatimMode(): boolean {
    return this.#mode.mode === 'copy'
  }

  async #writeFile(image: ImageRef, rel: string): Promise<void> {
    if (!this.#madeDir) {
      mkdirSync(join(this.#outDir, 'images'), { recursive: true })
      this.#madeDir = true
    }
    const source = mediaFilePath(this.#mediaDir, image.sha256)
    const target = join(this.#outDir, rel)
    if (this.#verbatimMode() && !needsConversion(image.format)) {
      await copyFile(source, target, constants.COPYFILE_FICLONE).catch((error: unknown) => {
        throw imageError(image, error)
      })
      // Content-addressed: the copy's hash must be the name it is stored under, and its size the
      // one recorded at ingest (the self-check compares both with the manifest).
      this.proved.set(rel, await sha256File(target))
      this.verbatim.add(image.sha256)
      this.#written.push({ path: rel, sha256: image.sha256, bytes: image.bytes })
      return
    }
    const { bytes } = await this.#output(image)
    await writeFile(target, bytes)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    this.#written.push({ path: rel, sha256, bytes: bytes.length })
  }

  /** The bytes an image goes out as, and whether they are the stored file unchanged. */
  async #output(image: ImageRef): Promise<{ bytes: Uint8Array; verbatim: boolean }> {
    const data = await readVerifiedMedia(this.#mediaDir, image.sha256).catch((error: unknown) => {
      throw imageError(image, error)
    })
    const convert = needsConversion(image.format)
    if (this.#verbatimMode() && !convert) return { bytes: data, verbatim: true }
    try {
      let pipeline = sharp(data)
      if (this.#mode.mode === 'reencode') {
        const side = this.#mode.maxSide
        pipeline = pipeline.resize({
          width: side,
          height: side,
          fit: 'inside',
          withoutEnlargement: true
        })
      }
      if (convert) pipeline = pipeline.png()
      return { bytes: await pipeline.toBuffer(), verbatim: false }
    } catch (error) {
      throw imageError(image, error)
    }
  }
}

/** Read buffers for `sha256File`, reused: a fresh buffer per file costs its page faults. */
const HASH_CHUNK = 256 * 1024
const spareChunks: Buffer[] = []

/**
 * SHA-256 of a file, streamed through a reused buffer big enough to read a typical image in one
 * go, so memory stays bounded whatever the file's size.
 */
export async function sha256File(file: string): Promise<string> {
  const chunk = spareChunks.pop() ?? Buffer.allocUnsafe(HASH_CHUNK)
  const handle = await open(file, 'r')
  try {
    const digest = createHash('sha256')
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      digest.update(chunk.subarray(0, bytesRead))
      // A short read of a regular file is its end: most images take one read, not two.
      if (bytesRead < chunk.length) return digest.digest('hex')
    }
  } finally {
    await handle.close()
    spareChunks.push(chunk)
  }
}

function imageError(image: ImageRef, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new Error(`image ${image.sha256} cannot be read: ${reason}`, { cause })
}
