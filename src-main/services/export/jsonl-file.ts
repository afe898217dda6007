import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { once } from 'node:events'

import type { WrittenFile } from './image-sink'

const CHUNK_CHARS = 1 << 20

/**
 * Streams JSON Lines to a file with bounded memory: lines are batched into ~1 MB chunks and the
 * writer waits for the stream to drain, so a slow disk slows the export instead of filling RAM.
 * The SHA-256 of the bytes written is computed on the way out.
 */
export class JsonlFile {
  readonly #stream: WriteStream
  readonly #hash = createHash('sha256')
  readonly #rel: string
  #pending = ''
  #bytes = 0
  #rows = 0

  constructor(absolutePath: string, relativePath: string) {
    this.#stream = createWriteStream(absolutePath)
    this.#rel = relativePath
  }

  get rows(): number {
    return this.#rows
  }

  async write(row: unknown): Promise<void> {
    this.#pending += `${JSON.stringify(row)}\n`
    this.#rows++
    if (this.#pending.length >= CHUNK_CHARS) await this.#flush()
  }

  async close(): Promise<WrittenFile> {
    await this.#flush()
    this.#stream.end()
    await once(this.#stream, 'finish')
    return { path: this.#rel, sha256: this.#hash.digest('hex'), bytes: this.#bytes }
  }

  /** Closes the file without caring about its content (the folder is being discarded). */
  async abort(): Promise<void> {
    // A file already closed (the failure came after close()) emits no second 'close'.
    if (this.#stream.closed) return
    const closed = once(this.#stream, 'close').catch(() => undefined)
    this.#stream.destroy()
    await closed
  }

  async #flush(): Promise<void> {
    if (!this.#pending) return
    const chunk = Buffer.from(this.#pending, 'utf8')
    this.#pending = ''
    this.#hash.update(chunk)
    this.#bytes += chunk.length
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain')
  }
}
