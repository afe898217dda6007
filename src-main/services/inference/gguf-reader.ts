import { closeSync, openSync, readSync } from 'node:fs'

import { GGUF_TYPE } from './gguf-writer'

export type GgufScalar = number | bigint | boolean | string
export type GgufMetaValue = GgufScalar | GgufScalar[]

export type GgufTensorInfo = { name: string; ne: number[]; type: number; offset: number }

export type GgufHeader = {
  version: number
  metadata: Map<string, GgufMetaValue>
  tensors: GgufTensorInfo[]
}

/** Reads a file forward from offset 0 in 1 MiB windows, so large models need not fit in memory. */
class FileCursor {
  readonly #fd: number
  #buffer = Buffer.alloc(0)
  #bufferStart = 0
  #pos = 0

  constructor(fd: number) {
    this.#fd = fd
  }

  take(n: number): Buffer {
    const rel = this.#pos - this.#bufferStart
    if (rel + n > this.#buffer.length) {
      const size = Math.max(n, 1 << 20)
      const buffer = Buffer.alloc(size)
      const read = readSync(this.#fd, buffer, 0, size, this.#pos)
      if (read < n) throw new Error('Truncated GGUF file')
      this.#buffer = buffer.subarray(0, read)
      this.#bufferStart = this.#pos
    }
    const start = this.#pos - this.#bufferStart
    this.#pos += n
    return this.#buffer.subarray(start, start + n)
  }
  u32 = (): number => this.take(4).readUInt32LE()
  i32 = (): number => this.take(4).readInt32LE()
  u64 = (): number => Number(this.take(8).readBigUInt64LE())
  str = (): string => this.take(this.u64()).toString('utf8')
}

function readScalar(c: FileCursor, type: number): GgufScalar {
  switch (type) {
    case GGUF_TYPE.u8:
      return c.take(1).readUInt8()
    case GGUF_TYPE.i8:
      return c.take(1).readInt8()
    case GGUF_TYPE.u16:
      return c.take(2).readUInt16LE()
    case GGUF_TYPE.i16:
      return c.take(2).readInt16LE()
    case GGUF_TYPE.u32:
      return c.u32()
    case GGUF_TYPE.i32:
      return c.i32()
    case GGUF_TYPE.f32:
      return c.take(4).readFloatLE()
    case GGUF_TYPE.bool:
      return c.take(1).readUInt8() !== 0
    case GGUF_TYPE.string:
      return c.str()
    case GGUF_TYPE.u64:
      return c.take(8).readBigUInt64LE()
    case GGUF_TYPE.i64:
      return c.take(8).readBigInt64LE()
    case GGUF_TYPE.f64:
      return c.take(8).readDoubleLE()
    default:
      throw new Error(`Unknown GGUF value type ${type}`)
  }
}

/**
 * Parses the header, metadata and tensor infos of a GGUF v2/v3 file (no tensor data).
 * Throws on a file that is not GGUF or is truncated.
 */
export function readGgufHeader(path: string): GgufHeader {
  const fd = openSync(path, 'r')
  try {
    const c = new FileCursor(fd)
    if (c.take(4).toString('ascii') !== 'GGUF') throw new Error(`${path} is not a GGUF file`)
    const version = c.u32()
    const nTensors = c.u64()
    const nKv = c.u64()
    const metadata = new Map<string, GgufMetaValue>()
    for (let i = 0; i < nKv; i++) {
      const key = c.str()
      const type = c.i32()
      if (type === GGUF_TYPE.array) {
        const elemType = c.i32()
        const n = c.u64()
        const values: GgufScalar[] = []
        for (let j = 0; j < n; j++) values.push(readScalar(c, elemType))
        metadata.set(key, values)
      } else {
        metadata.set(key, readScalar(c, type))
      }
    }
    const tensors: GgufTensorInfo[] = []
    for (let i = 0; i < nTensors; i++) {
      const name = c.str()
      const nDims = c.u32()
      const ne: number[] = []
      for (let d = 0; d < nDims; d++) ne.push(c.u64())
      tensors.push({ name, ne, type: c.i32(), offset: c.u64() })
    }
    return { version, metadata, tensors }
  } finally {
    closeSync(fd)
  }
}
