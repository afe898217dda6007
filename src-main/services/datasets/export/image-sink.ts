import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import { mediaFilePath } from '../../media/media-paths'
import { deltaExportExtension } from '../../native/delta-export-extension'
import { CopyWorker } from './copy-worker'
import type { FileCopier } from './copy-worker'
import { NativeCopier } from './native-copier'
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

/** What follows the hash in an image's export file name: `-s<maxSide>` for re-encodes. */
export function imageNameSuffix(mode: ExportOptions['images']): string {
  return mode.mode === 'reencode' ? `-s${mode.maxSide}` : ''
}

/** The file name an image gets in an export: `<sha256>.<ext>`, or with `-s<maxSide>`. */
export function exportImageName(image: ExportImage, mode: ExportOptions['images']): string {
  return `${image.sha256}${imageNameSuffix(mode)}.${extensionFor(image.format)}`
}

/**
 * Without the export extension (see `newCopier`): copies at once while the main thread still
 * plans and writes records in JavaScript. Copying through the kernel costs about as much CPU as
 * that row work, so copies are left all cores but the main thread's; more slowed the export down
 * on 2 cores.
 */
export const BUSY_COPIES = Math.min(8, Math.max(1, availableParallelism() - 1))
/**
 * Without the export extension: copies at once once only copies are left (8, like a plain
 * parallel copy): one copy at a time is latency-bound (file creation on ext4), about a fifth of
 * 8 copies' throughput, so the second core idled.
 */
export const IDLE_COPIES = 8
/** Re-encodes at once: each holds a source file in memory, and sharp runs 4 at a time anyway. */
const REENCODE_CONCURRENCY = 8

/** What a plan needs of an image sink: each image's path in the export (see `ImageSink.place`). */
export type ImagePlacer = Pick<ImageSink, 'place'>

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
  #copier: FileCopier | null = null
  readonly #copies: Array<Promise<void>> = []
  #error: unknown = null

  constructor(mediaDir: string, outDir: string, mode: ExportOptions['images']) {
    this.#mediaDir = mediaDir
    this.#outDir = outDir
    this.#mode = mode
  }

  /** The file name an image gets in this export (see `exportImageName`). */
  nameOf(image: ExportImage): string {
    return exportImageName(image, this.#mode)
  }

  /** How many distinct images the export has placed or embedded so far. */
  get distinct(): number {
    return this.#distinct.size
  }

  /**
   * Schedules the image to be written under `images/` (once, however often it is placed) and
   * returns its relative path at once, so records are written while copies (off the main
   * thread) or re-encodes run in the background, a bounded number at a time. The waiting list
   * holds at most one entry per distinct image, like the sink's own bookkeeping. Failures
   * surface from `throwIfFailed` or `files`.
   */
  place(image: ExportImage): string {
    // One map lookup for an image already placed: records repeat images many times over.
    let rel = this.#placed.get(image.sha256)
    if (rel === undefined) {
      this.#distinct.add(image.sha256)
      rel = `images/${this.nameOf(image)}`
      this.#placed.set(image.sha256, rel)
      if (this.#mode.mode === 'copy') this.#copy(image, rel)
      else {
        this.#queue.push({ image, rel })
        this.#pump()
      }
    }
    return rel
  }

  /** Throws the first copy failure so far, if any (copies still running are not awaited). */
  throwIfFailed(): void {
    if (this.#error) throw this.#error
  }

  /** Waits for every copy and returns the files written; throws the first copy failure. */
  async files(): Promise<WrittenFile[]> {
    this.#copier?.setConcurrency(IDLE_COPIES)
    await Promise.all(this.#copies)
    await this.#copier?.stop(new Error('export finished'))
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
    await this.#copier?.stop(new Error('export aborted'))
    await Promise.all(this.#copies)
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight)
  }

  /** Copy mode: stored bytes go out unchanged, copied off the main thread (see `newCopier`). */
  #copy(image: ExportImage, rel: string): void {
    if (!this.#copier) {
      mkdirSync(join(this.#outDir, 'images'), { recursive: true })
      this.#copier = newCopier()
    }
    const source = mediaFilePath(this.#mediaDir, image.sha256)
    this.#copies.push(
      this.#copier.copy(source, join(this.#outDir, rel)).then(
        // Stored media are content-addressed: the copy's hash is the name it is stored under, and
        // its size the one recorded at ingest (the self-check verifies both against the file).
        () => void this.#written.set(rel, { path: rel, sha256: image.sha256, bytes: image.bytes }),
        (error: unknown) => {
          this.#error ??= imageError(image, error)
          // The export fails anyway: copying the rest would only delay the failure.
          void this.#copier?.stop(this.#error as Error)
        }
      )
    )
  }

  #pump(): void {
    while (this.#inFlight.size < REENCODE_CONCURRENCY && this.#queue.length > 0 && !this.#error) {
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

  /** Re-encode mode: scaled bytes, hashed as written. */
  async #write(image: ExportImage, rel: string): Promise<WrittenFile> {
    const target = join(this.#outDir, rel)
    this.#madeDir ??= mkdir(join(this.#outDir, 'images'), { recursive: true })
    await this.#madeDir
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

/**
 * Native copy threads at a lowered priority where the export extension is available (see
 * native/file-copy.c), else copies on a worker thread through libuv's pool, at the main thread's
 * priority, so fewer of them while it is busy (BUSY_COPIES, then IDLE_COPIES).
 */
function newCopier(): FileCopier {
  const extension = deltaExportExtension()
  return extension ? new NativeCopier(extension) : new CopyWorker(BUSY_COPIES)
}

function imageError(image: ExportImage, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new Error(`image ${image.sha256} cannot be read: ${reason}`, { cause })
}
