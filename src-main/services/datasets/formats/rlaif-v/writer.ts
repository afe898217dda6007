import type { FormatWriter, WriterContext } from '../../export/format-writer'
import { openParquetShards } from '../../export/parquet-shards'
import { RLAIF_V_FEATURES, RLAIF_V_SCHEMA } from '../hf-parquet-schema'
import { toRlaifVRow } from './row'

/** LLaMA-Factory's `dataset_info.json` entry for an RLAIF-V export's split (see the card). */
export function rlaifVLlamaFactoryEntry(fileName: string): Record<string, unknown> {
  return {
    file_name: fileName,
    ranking: true,
    columns: {
      prompt: 'image_tokens',
      query: 'question',
      chosen: 'chosen',
      rejected: 'rejected',
      images: 'image'
    }
  }
}

/**
 * `rlaif-v`: the openbmb/RLAIF-V-Dataset columns in Parquet (one image per row, embedded),
 * plus `image_tokens` (what LLaMA-Factory needs to load it) and typed provenance columns (tier,
 * origin, judge_score, delta_tokens). The plan skips multi-image records, naming them.
 */
export function createRlaifVWriter(ctx: WriterContext): FormatWriter {
  const shards = openParquetShards(ctx, RLAIF_V_SCHEMA, RLAIF_V_FEATURES)
  return {
    dataFiles: shards.dataFiles,
    async write(pair, split) {
      const embedded = await ctx.images.embed(pair.images[0] as (typeof pair.images)[number])
      const image = { bytes: embedded.bytes, path: embedded.name }
      const names = { dataset: ctx.name, project: ctx.projectName }
      const row = toRlaifVRow(pair, image, embedded.name, names)
      await shards.write(split, row, embedded.bytes.length)
    },
    close: shards.close,
    // Nothing to release: hyparquet's file writer appends synchronously and holds no handle.
    abort: async () => undefined,
    loadSnippet: [
      '```python',
      'from datasets import load_dataset',
      'ds = load_dataset("parquet", data_dir="path/to/this/folder/data")',
      '```',
      '',
      'LLaMA-Factory (`stage: dpo`): register a split in your `dataset_info.json` with',
      '`dataset_dir` pointing at this folder. `image_tokens` holds the `<image>` its multimodal',
      'plugin needs; the alpaca converter joins it and `question` with a newline:',
      '```json',
      JSON.stringify(
        { [`${ctx.name}_train`]: rlaifVLlamaFactoryEntry('data/train-00000-of-00001.parquet') },
        null,
        2
      ),
      '```'
    ].join('\n')
  }
}
