import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import type { SplitName } from '../../../src-shared/domain/export-split'
import type { FormatWriter, WriterContext } from './format-writer'
import { RLAIF_V_FEATURES, RLAIF_V_SCHEMA, hfMetadata } from './hf-parquet-schema'
import { ParquetFile } from './parquet-file'
import { rlaifVProblem, toRlaifVRow } from './row-builders'
import { parquetShardPath } from './trl-parquet-writer'

/**
 * `rlaif-v`: the openbmb/RLAIF-V-Dataset columns in Parquet (one image per row, embedded),
 * plus typed provenance columns (tier, origin, judge_score, delta_tokens). Multi-image records
 * cannot be expressed and are reported as skipped.
 */
export function createRlaifVWriter(ctx: WriterContext): FormatWriter {
  mkdirSync(join(ctx.dir, 'data'), { recursive: true })
  const files = new Map<SplitName, ParquetFile>()
  const dataFiles: Partial<Record<SplitName, string>> = {}
  for (const split of ctx.splits) {
    const rel = parquetShardPath(split)
    dataFiles[split] = rel
    files.set(
      split,
      new ParquetFile(join(ctx.dir, rel), rel, RLAIF_V_SCHEMA, hfMetadata(RLAIF_V_FEATURES))
    )
  }
  return {
    dataFiles,
    async write(pair, split) {
      const problem = rlaifVProblem(pair)
      if (problem) return problem
      const embedded = await ctx.images.embed(pair.images[0] as (typeof pair.images)[number])
      const row = toRlaifVRow(
        pair,
        { bytes: embedded.bytes, path: embedded.name },
        embedded.name,
        ctx.name,
        ctx.projectName
      )
      await (files.get(split) as ParquetFile).write(row, embedded.bytes.length)
      return null
    },
    close: () => Promise.all([...files.values()].map((file) => file.close())),
    abort: async () => undefined,
    loadSnippet: [
      '```python',
      'from datasets import load_dataset',
      'ds = load_dataset("parquet", data_dir="path/to/this/folder/data")',
      '# LLaMA-Factory: {"file_name": "data/train-00000-of-00001.parquet", "ranking": true,',
      '#   "columns": {"prompt": "question", "chosen": "chosen", "rejected": "rejected", "images": "image"}}',
      '```'
    ].join('\n')
  }
}
