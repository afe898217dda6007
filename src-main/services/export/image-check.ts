import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { isAbsolute, join, normalize, relative } from 'node:path'

import sharp from 'sharp'

import { BoundedTasks } from './bounded-tasks'
import type { RecordImage } from './dataset-record'

/**
 * Verifies that the images of a dataset exist and decode, each distinct image once however many
 * rows use it. Paths must stay inside the dataset folder. Problems go to `report`.
 */
export class ImageCheck {
  readonly #seen = new Set<string>()
  readonly #tasks = new BoundedTasks(4)
  readonly #dir: string
  readonly #report: (problem: string) => void
  checked = 0

  constructor(dir: string, report: (problem: string) => void) {
    this.#dir = dir
    this.#report = report
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
      if (relative(this.#dir, file).startsWith('..')) {
        this.#report(`${where}: image path "${path}" leaves the dataset folder`)
        return
      }
      if (this.#seen.has(file)) return
      this.#seen.add(file)
      if (!existsSync(file)) {
        this.#report(`${where}: image file ${path} does not exist`)
        return
      }
      await this.#tasks.run(() => this.#decode(file, `${where}: image ${path}`))
      return
    }
    const key = createHash('sha256').update(image.bytes).digest('hex')
    if (this.#seen.has(key)) return
    this.#seen.add(key)
    const bytes = image.bytes
    await this.#tasks.run(() =>
      this.#decode(bytes, `${where}: embedded image ${image.name ?? key}`)
    )
  }

  async done(): Promise<void> {
    await this.#tasks.drain()
  }

  async #decode(input: string | Uint8Array, label: string): Promise<void> {
    try {
      // A decode of all the compressed data, not a header read: a truncated or corrupt file
      // fails here. Shrinking on load (JPEG/WebP decode at 1/2–1/8 scale, still reading every
      // coefficient) keeps the check several times faster than a full-size decode.
      await sharp(input, { failOn: 'error' })
        .resize({ width: 256, height: 256, fit: 'inside', withoutEnlargement: true })
        .raw()
        .toBuffer()
      this.checked++
    } catch (error) {
      this.#report(`${label} does not decode: ${(error as Error).message}`)
    }
  }
}
