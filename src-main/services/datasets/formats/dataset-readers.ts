import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'

import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import type { FileMetaData } from 'hyparquet'

/** A row of a data file with its 1-based position, or the reason the row cannot be parsed. */
export type ReadRow =
  | { readonly index: number; readonly row: Record<string, unknown>; readonly error?: undefined }
  | { readonly index: number; readonly row?: undefined; readonly error: string }

/** Reads JSON Lines one line at a time (bounded memory); blank lines are ignored. */
export async function* readJsonlRows(file: string): AsyncGenerator<ReadRow> {
  const input = createReadStream(file)
  const lines = createInterface({ input, crlfDelay: Infinity })
  let index = 0
  try {
    for await (const line of lines) {
      if (!line.trim()) continue
      index++
      try {
        const value: unknown = JSON.parse(line)
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          yield { index, error: 'the line is not a JSON object' }
        } else yield { index, row: value as Record<string, unknown> }
      } catch (error) {
        yield { index, error: `invalid JSON: ${(error as Error).message}` }
      }
    }
  } finally {
    // A reader that stops early (a preview of the first rows) closes the file now; closing the
    // line reader alone leaves the stream open until it is collected.
    input.destroy()
  }
}

/**
 * Reads a JSON array file (LLaMA-Factory's `.json` datasets). The whole file is parsed at once:
 * JSON arrays cannot be streamed without a streaming parser, so exports write JSONL instead.
 */
export async function* readJsonArrayRows(file: string): AsyncGenerator<ReadRow> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: invalid JSON (${(error as Error).message})`, { cause: error })
  }
  if (!Array.isArray(value)) throw new Error(`${file} is not a JSON array`)
  let index = 0
  for (const row of value) {
    index++
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      yield { index, error: 'the item is not a JSON object' }
    } else yield { index, row: row as Record<string, unknown> }
  }
}

/** Metadata of a Parquet file (schema, row groups, key-value metadata). */
export async function readParquetMetadata(file: string): Promise<FileMetaData> {
  return parquetMetadataAsync(await asyncBufferFromFile(file))
}

/**
 * Reads a Parquet file one row group at a time, so memory holds one row group of embedded
 * images at most. Binary columns come back as bytes, text columns as strings.
 */
export async function* readParquetRows(file: string): AsyncGenerator<ReadRow> {
  const buffer = await asyncBufferFromFile(file)
  const metadata = await parquetMetadataAsync(buffer)
  let start = 0
  let index = 0
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows)
    const rows = await parquetReadObjects({
      file: buffer,
      metadata,
      rowStart: start,
      rowEnd: end,
      utf8: false
    })
    for (const row of rows) {
      index++
      yield { index, row }
    }
    start = end
  }
}

/** Rows of a data file by extension: `.parquet`, `.jsonl`, or `.json` (an array). */
export function readRows(file: string): AsyncGenerator<ReadRow> {
  if (file.endsWith('.parquet')) return readParquetRows(file)
  if (file.endsWith('.jsonl')) return readJsonlRows(file)
  if (file.endsWith('.json')) return readJsonArrayRows(file)
  throw new Error(`${file}: unsupported data file (expected .parquet, .jsonl or .json)`)
}
