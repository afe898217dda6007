import { hash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, normalize, relative, sep } from 'node:path'

import sharp from 'sharp'

import { decodeInFull } from '../../../media/decode-in-full'
import type { RecordImage } from '../formats/dataset-record'
import { BoundedTasks } from './bounded-tasks'
import { needsConversion, sha256File } from './image-sink'

/**
 * Verifies that the images of a dataset exist and decode, each distinct image once however many
 * rows use it. Paths must stay inside the dataset folder. Problems go to `report`.
 *
 * Every file is hashed as it streams in (or was, right after it was written: `proved`, path →
 * SHA-256), and must match `expected` (path → SHA-256, from the manifest) where it is listed. Content in `verbatim` (the project's stored images, copied or
 * embedded unchanged: the media store decoded each when it entered the project) is proved by
 * that hash; everything else (re-encoded, converted, or from outside) is decoded in full.
 */
export class ImageCheck {
  readonly #seen = new Set<string>()
  readonly #tasks = new BoundedTasks(4)
  readonly #dir: string
  readonly #report: (problem: string) => void
  readonly #expected: ReadonlyMap<string, string>
  readonly #verbatim: ReadonlySet<string>
  readonly #proved: ReadonlyMap<string, string>
  readonly #whenWritten: ((rel: string) => Promise<void>) | undefined
  /** Checks waiting for their file to be written. */
  readonly #waiting: Array<Promise<void>> = []
  /** Images found sound, by a decode or by their hash. */
  checked = 0
  /** Of those, the ones decoded. */
  decoded = 0
  /** Listed files (relative, `/`-separated) hashed against the manifest. */
  readonly hashed = new Set<string>()

  constructor(
    dir: string,
    report: (problem: string) => void,
    expected: ReadonlyMap<string, string> = new Map(),
    verbatim: ReadonlySet<string> = new Set(),
    proved: ReadonlyMap<string, string> = new Map(),
    whenWritten?: (rel: string) => Promise<void>
  ) {
    this.#proved = proved
    this.#whenWritten = whenWritten
    this.#dir = dir
    this.#report = report
    this.#expected = expected
    this.#verbatim = verbatim
  }

  /** Queues the check of one image; `where` names the row in problems. */
  async add(image: RecordImage, where: string): Promise<void> {
    if (image.kind === 'file') {
      const path = image.path
      const file = join(this.#dir, path)
      const inside = relative(this.#dir, file)
      if (
        isAbsolute(path) ||
        path.includes('://') ||
        normalize(path).startsWith('..') ||
        inside.startsWith('..')
      ) {
        this.#report(`${where}: image path "${path}" leaves the dataset folder`)
        return
      }
      if (this.#seen.has(file)) return
      this.#seen.add(file)
      const rel = inside.split(sep).join('/')
      const listed = this.#expected.get(rel)
      if (listed !== undefined) this.hashed.add(rel)
      const check = (): Promise<void> =>
        this.#checkFile(file, listed, this.#proved.get(rel), { where, path })
      // A file still being copied is checked once it lands, without holding up the rows.
      if (listed !== undefined && this.#whenWritten) {
        this.#waiting.push(this.#whenWritten(rel).then(() => this.#tasks.run(check)))
      } else await this.#tasks.run(check)
      return
    }
    const key = hash('sha256', image.bytes)
    if (this.#seen.has(key)) return
    this.#seen.add(key)
    const bytes = image.bytes
    const label = `${where}: embedded image ${image.name ?? key}`
    await this.#tasks.run(async () => {
      if (this.#verbatim.has(key)) this.checked++
      else await this.#decode(bytes, label)
    })
  }

  async done(): Promise<void> {
    await Promise.all(this.#waiting)
    await this.#tasks.drain()
  }

  /** `hashed`: the file's SHA-256 read back right after it was written, if it was. */
  async #checkFile(
    file: string,
    listed: string | undefined,
    hashed: string | undefined,
    at: { where: string; path: string }
  ): Promise<void> {
    if (hashed === undefined && !existsSync(file)) {
      this.#report(`${at.where}: image file ${at.path} does not exist`)
      return
    }
    const label = `${at.where}: image ${at.path}`
    let sha256: string
    try {
      sha256 = hashed ?? (await sha256File(file))
    } catch (error) {
      this.#report(`${label} cannot be read: ${(error as Error).message}`)
      return
    }
    if (listed !== undefined && listed !== sha256) {
      this.#report(`${label} does not match its SHA-256 in the manifest`)
      return
    }
    if (this.#verbatim.has(sha256)) {
      this.checked++
      return
    }
    await this.#decode(await readFile(file), label)
  }

  /** Decodes `input` in full; reports when it does not decode, or not in a Pillow format. */
  async #decode(input: Uint8Array, label: string): Promise<void> {
    try {
      const { format } = await sharp(input).metadata()
      if (needsConversion(format)) {
        this.#report(`${label} is ${format}, which Pillow-based loaders cannot open`)
        return
      }
      await decodeInFull(input)
      this.checked++
      this.decoded++
    } catch (error) {
      this.#report(`${label} does not decode: ${(error as Error).message}`)
    }
  }
}
