import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

import { ParquetWriter, fileWriter } from 'hyparquet-writer'
import type { SchemaElement } from 'hyparquet-writer'

import { STUDIO_VERSION } from '../../../platform/version'
import type { WrittenFile } from './image-sink'

/** Row groups close at whichever comes first: this many rows or this many bytes of images. */
const ROW_GROUP_ROWS = 2000
const ROW_GROUP_BYTES = 64 * 1024 * 1024

/**
 * A Parquet file written row group by row group (hyparquet-writer), so memory holds at most one
 * row group (≤ 64 MB of embedded images plus text) whatever the export size.
 */
export class ParquetFile {
  readonly #writer: ParquetWriter
  readonly #columns: readonly string[]
  readonly #path: string
  readonly #rel: string
  #buffer: Array<Record<string, unknown>> = []
  #bufferBytes = 0
  #rows = 0

  constructor(
    absolutePath: string,
    relativePath: string,
    schema: SchemaElement[],
    metadata: Record<string, string>
  ) {
    this.#path = absolutePath
    this.#rel = relativePath
    this.#columns = topLevelColumns(schema)
    this.#writer = new ParquetWriter({
      writer: fileWriter(absolutePath),
      schema,
      kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      createdBy: `delta-studio ${STUDIO_VERSION} (hyparquet-writer)`,
      // Image bytes do not compress; statistics over them would only cost time.
      statistics: false
    })
  }

  get rows(): number {
    return this.#rows
  }

  /** Adds a row; `approxBytes` (embedded image bytes) decides when a row group is full. */
  async write(row: Record<string, unknown>, approxBytes: number): Promise<void> {
    this.#buffer.push(row)
    this.#bufferBytes += approxBytes
    this.#rows++
    if (this.#buffer.length >= ROW_GROUP_ROWS || this.#bufferBytes >= ROW_GROUP_BYTES) {
      await this.#flush()
    }
  }

  async close(): Promise<WrittenFile> {
    await this.#flush()
    await this.#writer.finish()
    const hash = createHash('sha256')
    let bytes = 0
    for await (const chunk of createReadStream(this.#path)) {
      hash.update(chunk as Buffer)
      bytes += (chunk as Buffer).length
    }
    return { path: this.#rel, sha256: hash.digest('hex'), bytes }
  }

  async #flush(): Promise<void> {
    if (this.#buffer.length === 0) return
    const rows = this.#buffer
    this.#buffer = []
    this.#bufferBytes = 0
    await this.#writer.write({
      columnData: this.#columns.map((name) => ({ name, data: rows.map((row) => row[name]) })),
      rowGroupSize: rows.length
    })
  }
}

/** Names of the root's direct children, in schema order (the flattened list is depth-first). */
function topLevelColumns(schema: SchemaElement[]): string[] {
  const names: string[] = []
  let index = 1
  const skip = (at: number): number => {
    let next = at + 1
    for (let i = 0; i < (schema[at]?.num_children ?? 0); i++) next = skip(next)
    return next
  }
  while (index < schema.length) {
    names.push((schema[index] as SchemaElement).name)
    index = skip(index)
  }
  return names
}
