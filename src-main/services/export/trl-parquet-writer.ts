import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import type { SplitName } from '../../../src-shared/domain/export-split'
import type { FormatWriter, WriterContext } from './format-writer'
import { TRL_PARQUET_FEATURES, TRL_PARQUET_SCHEMA, hfMetadata } from './hf-parquet-schema'
import { ParquetFile } from './parquet-file'
import { toTrlRow } from './row-builders'

/** Hub-style shard name: `data/<split>-00000-of-00001.parquet`. */
export function parquetShardPath(split: SplitName): string {
  return `data/${split}-00000-of-00001.parquet`
}

/** Parquet wants both struct fields on every content part; an image part has no text. */
function withNullText<T extends { content: Array<{ type: string; text?: string }> }>(
  messages: T[]
): unknown[] {
  return messages.map((m) => ({
    ...m,
    content: m.content.map((part) => ({ text: part.text ?? null, type: part.type }))
  }))
}

/**
 * `trl-parquet`: the `trl` rows in Parquet, one file per split under `data/`, images embedded as
 * `{bytes, path}` structs with the HF `Image` feature in the file metadata.
 */
export function createTrlParquetWriter(ctx: WriterContext): FormatWriter {
  mkdirSync(join(ctx.dir, 'data'), { recursive: true })
  const files = new Map<SplitName, ParquetFile>()
  const dataFiles: Partial<Record<SplitName, string>> = {}
  for (const split of ctx.splits) {
    const rel = parquetShardPath(split)
    dataFiles[split] = rel
    files.set(
      split,
      new ParquetFile(join(ctx.dir, rel), rel, TRL_PARQUET_SCHEMA, hfMetadata(TRL_PARQUET_FEATURES))
    )
  }
  return {
    dataFiles,
    async write(pair, split) {
      const embedded = []
      for (const image of pair.images) embedded.push(await ctx.images.embed(image))
      const row = toTrlRow(
        pair,
        embedded.map((image) => ({ bytes: image.bytes, path: image.name }))
      )
      const bytes = embedded.reduce((sum, image) => sum + image.bytes.length, 0)
      await (files.get(split) as ParquetFile).write(
        {
          ...row,
          prompt: withNullText(row.prompt),
          chosen: withNullText(row.chosen),
          rejected: withNullText(row.rejected)
        },
        bytes
      )
      return null
    },
    close: () => Promise.all([...files.values()].map((file) => file.close())),
    // Nothing to release: hyparquet's file writer appends synchronously and holds no handle.
    abort: async () => undefined,
    loadSnippet: [
      '```python',
      'from datasets import load_dataset',
      'ds = load_dataset("parquet", data_dir="path/to/this/folder/data")',
      '# or: load_dataset("path/to/this/folder") — the card lists the data files per split',
      '```'
    ].join('\n')
  }
}
