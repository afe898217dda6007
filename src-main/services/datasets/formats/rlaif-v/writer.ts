import type { FormatWriter, WriterContext } from './format-writer'
import { RLAIF_V_FEATURES, RLAIF_V_SCHEMA } from './hf-parquet-schema'
import { openParquetShards } from './parquet-shards'
import { rlaifVProblem, toRlaifVRow } from './row-builders'
import { decodePair } from './pair-codec'

/**
 * `rlaif-v`: the openbmb/RLAIF-V-Dataset columns in Parquet (one image per row, embedded),
 * plus typed provenance columns (tier, origin, judge_score, delta_tokens). Multi-image records
 * cannot be expressed and are reported as skipped.
 */
export function createRlaifVWriter(ctx: WriterContext): FormatWriter {
  const shards = openParquetShards(ctx, RLAIF_V_SCHEMA, RLAIF_V_FEATURES)
  return {
    dataFiles: shards.dataFiles,
    async write(records, index, split) {
      const pair = decodePair(records.text(index))
      // The plan has dropped multi-image records (formatProblem); this guards the invariant.
      const problem = rlaifVProblem(pair)
      if (problem) throw new Error(`record ${pair.id} reached the writer: ${problem}`)
      const embedded = await ctx.images.embed(pair.images[0] as (typeof pair.images)[number])
      const row = toRlaifVRow(
        pair,
        { bytes: embedded.bytes, path: embedded.name },
        embedded.name,
        ctx.name,
        ctx.projectName
      )
      await shards.write(split, row, embedded.bytes.length)
    },
    close: shards.close,
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
