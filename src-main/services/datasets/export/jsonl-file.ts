import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { once } from 'node:events'

import type { WrittenFile } from './image-sink'

/** Lines are gathered into chunks of this size. */
const CHUNK_BYTES = 1 << 20
/**
 * Bytes the stream may hold before a writer waits. Image copies share libuv's thread pool with
 * this file's writes, so a write can wait behind several copies; a deeper buffer keeps the row
 * loop going meanwhile, and still bounds memory.
 */
const STREAM_BUFFER_BYTES = 8 << 20

/**
 * Streams JSON Lines to a file with bounded memory: lines are gathered into ~1 MB chunks and the
 * writer waits for the stream to drain when it holds more than a few chunks, so a slow disk
 * slows the export instead of filling RAM. The SHA-256 of the bytes written is computed on the
 * way out.
 */
export class JsonlFile {
  /** Opened on the first chunk (or at close, for an empty file). */
  #stream: WriteStream | null = null
  readonly #hash = createHash('sha256')
  readonly #path: string
  readonly #rel: string
  #chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  /** Chunks the stream has finished writing, reused: fresh memory costs page faults. */
  readonly #spare: Buffer[] = []
  #used = 0
  #bytes = 0

  constructor(absolutePath: string, relativePath: string) {
    this.#path = absolutePath
    this.#rel = relativePath
  }

  /**
   * Appends one line (`line` holds no newline). Returns a promise only when the chunk was full
   * and went to the stream.
   */
  writeLine(line: string): Promise<void> | undefined {
    // Worst case 3 bytes per UTF-16 unit; the exact length only when that might not fit.
    const room = this.#chunk.length - this.#used - 1
    if (line.length * 3 > room && Buffer.byteLength(line) > room) return this.#flushThenWrite(line)
    this.#used += this.#chunk.write(line, this.#used)
    this.#chunk[this.#used++] = 0x0a
    return undefined
  }

  async #flushThenWrite(line: string): Promise<void> {
    await this.#flush()
    if (Buffer.byteLength(line) + 1 <= this.#chunk.length) {
      this.writeLine(line)
      return
    }
    await this.#emit(Buffer.from(`${line}\n`))
  }

  async close(): Promise<WrittenFile> {
    await this.#flush()
    const stream = this.#open()
    stream.end()
    await once(stream, 'finish')
    return { path: this.#rel, sha256: this.#hash.digest('hex'), bytes: this.#bytes }
  }

  /** Closes the file without caring about its content (the folder is being discarded). */
  async abort(): Promise<void> {
    // A file already closed (the failure came after close()) emits no second 'close'.
    const stream = this.#stream
    if (!stream || stream.closed) return
    const closed = once(stream, 'close').catch(() => undefined)
    stream.destroy()
    await closed
  }

  #open(): WriteStream {
    this.#stream ??= createWriteStream(this.#path, { highWaterMark: STREAM_BUFFER_BYTES })
    return this.#stream
  }

  async #flush(): Promise<void> {
    if (this.#used === 0) return
    const full = this.#chunk
    const used = this.#used
    // The stream holds the chunk until it is written: fill another meanwhile.
    this.#chunk = this.#spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)
    this.#used = 0
    await this.#emit(full.subarray(0, used), () => this.#spare.push(full))
  }

  async #emit(chunk: Buffer, written?: () => void): Promise<void> {
    this.#hash.update(chunk)
    this.#bytes += chunk.length
    const stream = this.#open()
    const more = stream.write(chunk, (error) => {
      if (!error) written?.()
    })
    if (!more) await once(stream, 'drain')
  }
}
