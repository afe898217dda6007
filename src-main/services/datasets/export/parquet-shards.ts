import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import type { SchemaElement } from 'hyparquet-writer'

import type { SplitName } from '../../../../src-shared/domain/export-split'
import type { WriterContext } from './format-writer'
import type { WrittenFile } from './image-sink'
import { hfMetadata } from '../formats/hf-parquet-schema'
import { ParquetFile } from './parquet-file'

/** Hub-style shard name: `data/<split>-00000-of-00001.parquet`. */
export function parquetShardPath(split: SplitName): string {
  return `data/${split}-00000-of-00001.parquet`
}

export type ParquetShards = {
  /** Relative data file per split, for the manifest and the dataset card. */
  readonly dataFiles: Partial<Record<SplitName, string>>
  write(split: SplitName, row: Record<string, unknown>, bytes: number): Promise<void>
  close(): Promise<WrittenFile[]>
}

/**
 * One Parquet file per split under `data/`, each carrying the HF `features` metadata; shared by
 * the Parquet-based writers so shard naming and metadata cannot drift between formats.
 */
export function openParquetShards(
  ctx: WriterContext,
  schema: SchemaElement[],
  features: Record<string, unknown>
): ParquetShards {
  mkdirSync(join(ctx.dir, 'data'), { recursive: true })
  const files = new Map<SplitName, ParquetFile>()
  const dataFiles: Partial<Record<SplitName, string>> = {}
  for (const split of ctx.splits) {
    const rel = parquetShardPath(split)
    dataFiles[split] = rel
    files.set(split, new ParquetFile(join(ctx.dir, rel), rel, schema, hfMetadata(features)))
  }
  return {
    dataFiles,
    write: (split, row, bytes) => (files.get(split) as ParquetFile).write(row, bytes),
    close: () => Promise.all([...files.values()].map((file) => file.close()))
  }
}
