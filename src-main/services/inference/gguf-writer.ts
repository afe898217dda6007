import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'

/** GGUF metadata value types (ggml/include/gguf.h). */
export const GGUF_TYPE = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  string: 8,
  array: 9,
  u64: 10,
  i64: 11,
  f64: 12
} as const

/** One metadata entry. Types are strict in llama.cpp: a u32 key written as i32 aborts the load. */
export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array-string'; value: readonly string[] }
  | { type: 'array-f32'; value: ArrayLike<number> }
  | { type: 'array-i32'; value: ArrayLike<number> }

/** An F32 tensor; `ne[0]` varies fastest. Data is produced lazily so large models stream out. */
export type GgufTensor = {
  readonly name: string
  readonly ne: readonly number[]
  /** Must return exactly product(ne) values. */
  readonly data: () => Float32Array
}

export type GgufFile = {
  readonly kv: ReadonlyArray<readonly [string, GgufValue]>
  readonly tensors: readonly GgufTensor[]
}

const ALIGNMENT = 32
const GGML_TYPE_F32 = 0

class ByteSink {
  readonly #chunks: Buffer[] = []
  length = 0

  push(buffer: Buffer): void {
    this.#chunks.push(buffer)
    this.length += buffer.length
  }
  u32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(value)
    this.push(b)
  }
  i32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeInt32LE(value)
    this.push(b)
  }
  u64(value: number): void {
    const b = Buffer.alloc(8)
    b.writeBigUInt64LE(BigInt(value))
    this.push(b)
  }
  f32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeFloatLE(value)
    this.push(b)
  }
  str(value: string): void {
    const bytes = Buffer.from(value, 'utf8')
    this.u64(bytes.length)
    this.push(bytes)
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.#chunks)
  }
}

function writeValue(sink: ByteSink, value: GgufValue): void {
  switch (value.type) {
    case 'u32':
      sink.i32(GGUF_TYPE.u32)
      return sink.u32(value.value)
    case 'i32':
      sink.i32(GGUF_TYPE.i32)
      return sink.i32(value.value)
    case 'f32':
      sink.i32(GGUF_TYPE.f32)
      return sink.f32(value.value)
    case 'bool':
      sink.i32(GGUF_TYPE.bool)
      return sink.push(Buffer.from([value.value ? 1 : 0]))
    case 'string':
      sink.i32(GGUF_TYPE.string)
      return sink.str(value.value)
    case 'array-string':
      sink.i32(GGUF_TYPE.array)
      sink.i32(GGUF_TYPE.string)
      sink.u64(value.value.length)
      for (const s of value.value) sink.str(s)
      return
    case 'array-f32':
    case 'array-i32': {
      const f32 = value.type === 'array-f32'
      sink.i32(GGUF_TYPE.array)
      sink.i32(f32 ? GGUF_TYPE.f32 : GGUF_TYPE.i32)
      sink.u64(value.value.length)
      for (let i = 0; i < value.value.length; i++) {
        if (f32) sink.f32(value.value[i] as number)
        else sink.i32(value.value[i] as number)
      }
      return
    }
  }
}

const padTo = (n: number): number => Math.ceil(n / ALIGNMENT) * ALIGNMENT
const elementCount = (ne: readonly number[]): number => ne.reduce((a, b) => a * b, 1)

/** Header, metadata and tensor infos of a GGUF v3 file, padded to the data blob's start. */
export function encodeGgufHeader(file: GgufFile): Buffer {
  const sink = new ByteSink()
  sink.push(Buffer.from('GGUF', 'ascii'))
  sink.u32(3)
  sink.u64(file.tensors.length)
  sink.u64(file.kv.length)
  for (const [key, value] of file.kv) {
    sink.str(key)
    writeValue(sink, value)
  }
  let offset = 0
  for (const tensor of file.tensors) {
    sink.str(tensor.name)
    sink.u32(tensor.ne.length)
    for (const n of tensor.ne) sink.u64(n)
    sink.i32(GGML_TYPE_F32)
    sink.u64(offset)
    offset += padTo(elementCount(tensor.ne) * 4)
  }
  sink.push(Buffer.alloc(padTo(sink.length) - sink.length))
  return sink.toBuffer()
}

/**
 * Writes a little-endian GGUF v3 file with F32 tensors, 32-byte aligned. Tensor data is
 * generated and written one tensor at a time, so memory stays bounded by the largest tensor.
 * The file appears atomically (written under a temporary name, then renamed); a data function
 * returning the wrong length throws before the rename, leaving no partial file at `path`.
 */
export function writeGguf(path: string, file: GgufFile): void {
  const tmp = `${path}.${process.pid}.tmp`
  const fd = openSync(tmp, 'w')
  let done = false
  try {
    writeSync(fd, encodeGgufHeader(file))
    for (const tensor of file.tensors) {
      const data = tensor.data()
      const expected = elementCount(tensor.ne)
      if (data.length !== expected) {
        throw new Error(`Tensor ${tensor.name}: ${data.length} values, expected ${expected}`)
      }
      const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      writeSync(fd, bytes)
      const pad = padTo(bytes.length) - bytes.length
      if (pad) writeSync(fd, Buffer.alloc(pad))
    }
    done = true
  } finally {
    closeSync(fd)
    if (!done) rmSync(tmp, { force: true })
  }
  renameSync(tmp, path)
}
