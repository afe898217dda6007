import type { FormatWriter, WriterContext } from '../../export/format-writer'
import { openParquetShards } from '../../export/parquet-shards'
import { TRL_PARQUET_FEATURES, TRL_PARQUET_SCHEMA } from '../hf-parquet-schema'
import { toTrlRow } from '../trl/row'

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
  const shards = openParquetShards(ctx, TRL_PARQUET_SCHEMA, TRL_PARQUET_FEATURES)
  return {
    dataFiles: shards.dataFiles,
    async write(pair, split) {
      const embedded = []
      for (const image of pair.images) embedded.push(await ctx.images.embed(image))
      const row = toTrlRow(
        pair,
        embedded.map((image) => ({ bytes: image.bytes, path: image.name }))
      )
      const bytes = embedded.reduce((sum, image) => sum + image.bytes.length, 0)
      await shards.write(
        split,
        {
          ...row,
          prompt: withNullText(row.prompt),
          chosen: withNullText(row.chosen),
          rejected: withNullText(row.rejected)
        },
        bytes
      )
    },
    close: shards.close,
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
