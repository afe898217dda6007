import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { once } from 'node:events'

import type { WrittenFile } from './image-sink'

/** Lines are encoded straight into chunks of this size. */
const CHUNK_BYTES = 1 << 20
/**
 * Bytes the stream may hold before a writer waits. Image copies share libuv's thread pool with
 * this file's writes, so a write can wait behind several copies; a deep buffer keeps the row
 * loop running meanwhile, and still bounds memory.
 */
const STREAM_BUFFER_BYTES = 8 << 20

/**
 * Streams JSON Lines to a file with bounded memory: lines are encoded into ~1 MB chunks and the
 * writer waits for the stream to drain when it holds more than a few chunks, so a slow disk
 * slows the export instead of filling RAM. The SHA-256 of the bytes written is computed on the
 * way out.
 */
export class JsonlFile {
  readonly #stream: WriteStream
  readonly #hash = createHash('sha256')
  readonly #rel: string
  #chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  /** Chunks the stream has finished writing, reused: fresh memory costs page faults. */
  readonly #spare: Buffer[] = []
  #used = 0
  #bytes = 0
  #rows = 0

  constructor(absolutePath: string, relativePath: string) {
    this.#stream = createWriteStream(absolutePath, { highWaterMark: STREAM_BUFFER_BYTES })
    this.#rel = relativePath
  }

  get rows(): number {
    return this.#rows
  }

  /** Appends a row as one line of JSON. */
  async write(row: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(row))
  }

  /** Appends one JSON text, already serialized, as a line (the newline is added here). */
  async writeLine(json: string): Promise<void> {
    this.#rows++
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so this bound never truncates a line.
    // Encoding each line into the chunk is several times cheaper than joining lines into one
    // big string first: flattening that string cost ~4.7 µs per TRL row.
    const most = json.length * 3 + 1
    if (this.#used + most > this.#chunk.length) {
      await this.#flush()
      if (most > this.#chunk.length) {
        await this.#emit(Buffer.from(`${json}\n`, 'utf8'))
        return
      }
    }
    this.#used += this.#chunk.write(json, this.#used, 'utf8')
    this.#chunk[this.#used++] = 0x0a
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
    const more = this.#stream.write(chunk, (error) => {
      if (!error) written?.()
    })
    if (!more) await once(this.#stream, 'drain')
  }
}
