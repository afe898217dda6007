import { hash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, normalize, relative, sep } from 'node:path'

import { decodeInFull } from '../../media/decode-in-full'
import type { DecodeMemory } from '../../store/decoded-media'
import { BoundedTasks } from './bounded-tasks'
import type { RecordImage } from './dataset-record'

/** Which image content is already known to decode, and where to note what decodes here. */
export type DecodeFacts = Pick<DecodeMemory, 'decodes' | 'decoded'>

/**
 * Verifies that the images of a dataset exist and decode, each distinct image once however many
 * rows use it. Paths must stay inside the dataset folder. Problems go to `report`.
 *
 * Every file is hashed, and must match `expected` (path → SHA-256, from the manifest) where it
 * is listed. Content that `facts` already knows to decode is proved to decode by its hash alone:
 * the same bytes decode the same way, and hashing costs a fraction of a decode (a 150 KB JPEG:
 * about 0.1 ms with SHA extensions, against about 5 ms of CPU to decode). Everything else is decoded, and noted in `facts` when it does.
 */
export class ImageCheck {
  readonly #seen = new Set<string>()
  readonly #tasks = new BoundedTasks(4)
  readonly #dir: string
  readonly #report: (problem: string) => void
  readonly #expected: ReadonlyMap<string, string>
  readonly #facts: DecodeFacts | undefined
  /** Images found to decode, by a decode or by their hash. */
  checked = 0
  /** Of those, the ones proved by their hash alone. */
  knownByHash = 0

  constructor(
    dir: string,
    report: (problem: string) => void,
    expected: ReadonlyMap<string, string> = new Map(),
    facts?: DecodeFacts
  ) {
    this.#dir = dir
    this.#report = report
    this.#expected = expected
    this.#facts = facts
  }

  /** Queues the check of one image; `where` names the row in problems. */
  async add(image: RecordImage, where: string): Promise<void> {
    if (image.kind === 'file') {
      const path = image.path
      if (isAbsolute(path) || path.includes('://') || normalize(path).startsWith('..')) {
        this.#report(`${where}: image path "${path}" leaves the dataset folder`)
        return
      }
      const file = join(this.#dir, path)
      const inside = relative(this.#dir, file)
      if (inside.startsWith('..')) {
        this.#report(`${where}: image path "${path}" leaves the dataset folder`)
        return
      }
      if (this.#seen.has(file)) return
      this.#seen.add(file)
      if (!existsSync(file)) {
        this.#report(`${where}: image file ${path} does not exist`)
        return
      }
      const listed = this.#expected.get(inside.split(sep).join('/'))
      await this.#tasks.run(() => this.#checkFile(file, listed, `${where}: image ${path}`))
      return
    }
    const key = hash('sha256', image.bytes)
    if (this.#seen.has(key)) return
    this.#seen.add(key)
    const bytes = image.bytes
    await this.#tasks.run(() =>
      this.#checkBytes(bytes, key, `${where}: embedded image ${image.name ?? key}`)
    )
  }

  async done(): Promise<void> {
    await this.#tasks.drain()
  }

  async #checkFile(file: string, listed: string | undefined, label: string): Promise<void> {
    let bytes: Buffer
    try {
      bytes = await readFile(file)
    } catch (error) {
      this.#report(`${label} cannot be read: ${(error as Error).message}`)
      return
    }
    const sha256 = hash('sha256', bytes)
    if (listed !== undefined && listed !== sha256) {
      this.#report(`${label} does not match its SHA-256 in the manifest`)
      return
    }
    await this.#checkBytes(bytes, sha256, label)
  }

  async #checkBytes(bytes: Uint8Array, sha256: string, label: string): Promise<void> {
    if (this.#facts?.decodes(sha256)) {
      this.checked++
      this.knownByHash++
      return
    }
    if (await this.#decode(bytes, label)) this.#facts?.decoded(sha256)
  }

  /** Decodes `input` in full; reports and returns false when it does not decode. */
  async #decode(input: Uint8Array, label: string): Promise<boolean> {
    try {
      await decodeInFull(input)
      this.checked++
      return true
    } catch (error) {
      this.#report(`${label} does not decode: ${(error as Error).message}`)
      return false
    }
  }
}
