import { createHash } from 'node:crypto'
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import sharp from 'sharp'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import { mediaFilePath } from '../../media/media-paths'
import type { ExportImage } from './pair-source'

/** A file an export wrote, with what the manifest records about it. */
export type WrittenFile = { readonly path: string; readonly sha256: string; readonly bytes: number }

const EXTENSIONS: Record<string, string> = {
  jpeg: 'jpg',
  jpg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'avif',
  heif: 'avif',
  tiff: 'tiff'
}

/** File extension for a stored image format (sharp's names). */
export function extensionFor(format: string): string {
  return EXTENSIONS[format.toLowerCase()] ?? format.toLowerCase()
}

/**
 * Copies handed to libuv's thread pool at once. The row loop runs on the main thread and only
 * lets finished copies start new ones between batches (every 2 ms or so), so the pool needs a
 * backlog deep enough to stay busy until then.
 */
export const COPY_CONCURRENCY = 32
/** Re-encodes at once: each holds a source file in memory, and sharp runs 4 at a time anyway. */
const REENCODE_CONCURRENCY = 8

/** An image ready to embed: its bytes and the file name recorded beside them. */
export type EmbeddedImage = { readonly name: string; readonly bytes: Uint8Array }

/**
 * Produces the image files or bytes of an export. In `copy` mode the stored bytes go out
 * unchanged (each distinct image is copied once, however many records use it); in `reencode`
 * mode images larger than `maxSide` are scaled down inside it, keeping their format. A missing
 * or unreadable media file throws an error naming the image.
 */
export class ImageSink {
  /** Relative path → written file, for every image placed so far. */
  readonly #written = new Map<string, WrittenFile>()
  /** Image hash → its relative path, for every image placed so far. */
  readonly #placed = new Map<string, string>()
  readonly #queue: Array<{ image: ExportImage; rel: string }> = []
  readonly #inFlight = new Set<Promise<void>>()
  readonly #mediaDir: string
  readonly #outDir: string
  readonly #mode: ExportOptions['images']
  readonly #distinct = new Set<string>()
  #madeDir: Promise<unknown> | undefined
  #error: unknown = null

  constructor(mediaDir: string, outDir: string, mode: ExportOptions['images']) {
    this.#mediaDir = mediaDir
    this.#outDir = outDir
    this.#mode = mode
  }

  /** The file name an image gets in the export (`<sha256>.<ext>`, or with `-s<maxSide>`). */
  nameOf(image: ExportImage): string {
    const suffix = this.#mode.mode === 'reencode' ? `-s${this.#mode.maxSide}` : ''
    return `${image.sha256}${suffix}.${extensionFor(image.format)}`
  }

  /** How many distinct images the export has placed or embedded so far. */
  get distinct(): number {
    return this.#distinct.size
  }

  /**
   * Schedules the image to be written under `images/` (once, however often it is placed) and
   * returns its relative path at once, so records are written while copies run in the
   * background, a bounded number at a time. The waiting list holds at most one entry
   * per distinct image, like the sink's own bookkeeping. Copy failures surface from
   * `throwIfFailed` or `files`.
   */
  place(image: ExportImage): string {
    // One map lookup for an image already placed: records repeat images many times over.
    let rel = this.#placed.get(image.sha256)
    if (rel === undefined) {
      this.#distinct.add(image.sha256)
      rel = `images/${this.nameOf(image)}`
      this.#placed.set(image.sha256, rel)
      this.#queue.push({ image, rel })
      this.#pump()
    }
    return rel
  }

  /** Throws the first copy failure so far, if any (copies still running are not awaited). */
  throwIfFailed(): void {
    if (this.#error) throw this.#error
  }

  /** Waits for every copy and returns the files written; throws the first copy failure. */
  async files(): Promise<WrittenFile[]> {
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight)
    if (this.#error) throw this.#error
    return [...this.#written.values()]
  }

  /**
   * Drops waiting copies and waits for running ones, so nothing writes into the folder after
   * this resolves (the caller is about to delete it). Never throws.
   */
  async abort(): Promise<void> {
    this.#queue.length = 0
    this.#error ??= new Error('export aborted')
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight)
  }

  #pump(): void {
    const limit = this.#mode.mode === 'copy' ? COPY_CONCURRENCY : REENCODE_CONCURRENCY
    while (this.#inFlight.size < limit && this.#queue.length > 0 && !this.#error) {
      const { image, rel } = this.#queue.shift() as { image: ExportImage; rel: string }
      const task: Promise<void> = this.#write(image, rel)
        .then((file) => void this.#written.set(rel, file))
        .catch((error: unknown) => {
          this.#error ??= error
        })
        .finally(() => {
          this.#inFlight.delete(task)
          this.#pump()
        })
      this.#inFlight.add(task)
    }
  }

  /** The image's bytes as the export embeds them (parquet formats). */
  async embed(image: ExportImage): Promise<EmbeddedImage> {
    this.#distinct.add(image.sha256)
    return { name: this.nameOf(image), bytes: await this.#bytes(image) }
  }

  async #write(image: ExportImage, rel: string): Promise<WrittenFile> {
    const target = join(this.#outDir, rel)
    this.#madeDir ??= mkdir(join(this.#outDir, 'images'), { recursive: true })
    await this.#madeDir
    if (this.#mode.mode === 'copy') {
      // Stored media are content-addressed, so the copy's hash is the name it is stored under.
      const source = mediaFilePath(this.#mediaDir, image.sha256)
      await copyFile(source, target).catch((error: unknown) => {
        throw imageError(image, error)
      })
      return { path: rel, sha256: image.sha256, bytes: (await stat(target)).size }
    }
    const data = await this.#bytes(image)
    await writeFile(target, data)
    return {
      path: rel,
      sha256: createHash('sha256').update(data).digest('hex'),
      bytes: data.length
    }
  }

  async #bytes(image: ExportImage): Promise<Uint8Array> {
    const source = mediaFilePath(this.#mediaDir, image.sha256)
    const data = await readFile(source).catch((error: unknown) => {
      throw imageError(image, error)
    })
    if (this.#mode.mode === 'copy') return data
    const maxSide = this.#mode.maxSide
    try {
      return await sharp(data)
        .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
        .toBuffer()
    } catch (error) {
      throw imageError(image, error)
    }
  }
}

function imageError(image: ExportImage, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new Error(`image ${image.sha256} cannot be read: ${reason}`, { cause })
}
