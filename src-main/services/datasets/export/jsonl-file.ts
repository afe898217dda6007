import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { once } from 'node:events'

import type { WrittenFile } from './image-sink'
import type { RecordSpill } from './record-spill'

/** Lines are gathered into chunks of this size. */
const CHUNK_BYTES = 1 << 20
/**
 * Bytes the stream may hold before a writer waits. Image copies share libuv's thread pool with
 * this file's writes, so a write can wait behind several copies; a deep buffer keeps the row
 * loop running meanwhile, and still bounds memory.
 */
const STREAM_BUFFER_BYTES = 8 << 20

/**
 * Streams JSON Lines to a file with bounded memory: lines are gathered into ~1 MB chunks and the
 * writer waits for the stream to drain when it holds more than a few chunks, so a slow disk
 * slows the export instead of filling RAM. The SHA-256 of the bytes written is computed on the
 * way out.
 */
export class JsonlFile {
  /** Opened on the first write (or at close, for an empty file); never, when adopted. */
  #stream: WriteStream | null = null
  readonly #hash = createHash('sha256')
  readonly #path: string
  readonly #rel: string
  /** Set when another writer made the whole file (see `adopt`). */
  #adopted: Pick<WrittenFile, 'sha256' | 'bytes'> | null = null
  #chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  /** Chunks the stream has finished writing, reused: fresh memory costs page faults. */
  readonly #spare: Buffer[] = []
  #used = 0
  #bytes = 0

  constructor(absolutePath: string, relativePath: string) {
    this.#path = absolutePath
    this.#rel = relativePath
  }

  /** The file's absolute path. */
  get path(): string {
    return this.#path
  }

  /**
   * Takes the file as another writer made it, whole, with the hash and size it wrote (a natively
   * planned export's split file, see `writeNativeSplits`): `close` reports those, and this object
   * never opens the file.
   */
  adopt(written: Pick<WrittenFile, 'sha256' | 'bytes'>): void {
    if (this.#stream || this.#bytes > 0 || this.#used > 0) {
      throw new Error(`${this.#rel} was already written here: it cannot be adopted`)
    }
    this.#adopted = { sha256: written.sha256, bytes: written.bytes }
  }

  /**
   * Appends record `index` of `records` (one JSON text, see `RecordSpill`) as a line, moving its
   * bytes straight into the chunk: no string is built or encoded again. Returns a promise only
   * when the chunk was full and went to the stream.
   */
  writeRecord(records: RecordSpill, index: number): Promise<void> | undefined {
    const length = records.length(index)
    if (this.#used + length + 1 > this.#chunk.length) return this.#flushThenWrite(records, index)
    records.copyTo(index, this.#chunk, this.#used)
    this.#used += length
    this.#chunk[this.#used++] = 0x0a
    return undefined
  }

  async #flushThenWrite(records: RecordSpill, index: number): Promise<void> {
    await this.#flush()
    const length = records.length(index)
    if (length + 1 <= this.#chunk.length) {
      this.writeRecord(records, index)
      return
    }
    const line = Buffer.allocUnsafe(length + 1)
    records.copyTo(index, line, 0)
    line[length] = 0x0a
    await this.#emit(line)
  }

  async close(): Promise<WrittenFile> {
    if (this.#adopted) return { path: this.#rel, ...this.#adopted }
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
