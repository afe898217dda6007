import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { FormatWriter, WriterContext } from '../../export/format-writer'
import { hashText } from '../../export/hash-text'
import { openJsonlSplits } from '../../export/jsonl-splits'
import { toLlamaFactoryRow } from './row'

export const DATASET_INFO_FILE = 'dataset_info.json'

/** The `dataset_info.json` entry of one split (same keys as LLaMA-Factory's `rlhf_v`). */
export function datasetInfoEntry(fileName: string): Record<string, unknown> {
  return {
    file_name: fileName,
    formatting: 'sharegpt',
    ranking: true,
    columns: { messages: 'conversations', chosen: 'chosen', rejected: 'rejected', images: 'images' }
  }
}

/**
 * `llamafactory`: sharegpt preference rows in `<name>_<split>.jsonl`, images in `images/`
 * (resolved against the dataset folder, LLaMA-Factory's default `media_dir`), and a
 * `dataset_info.json` registering one dataset per split.
 */
export function createLlamaFactoryWriter(ctx: WriterContext): FormatWriter {
  const splits = openJsonlSplits(ctx, (split) => `${ctx.name}_${split}.jsonl`)
  return {
    dataFiles: splits.dataFiles,
    write: (pair, split) => {
      const paths = pair.images.map((image) => ctx.images.place(image))
      return splits.writeLine(split, JSON.stringify(toLlamaFactoryRow(pair, paths)))
    },
    async close() {
      const written = await splits.close()
      const info: Record<string, unknown> = {}
      for (const split of ctx.splits) {
        info[`${ctx.name}_${split}`] = datasetInfoEntry(splits.dataFiles[split] as string)
      }
      const text = `${JSON.stringify(info, null, 2)}\n`
      await writeFile(join(ctx.dir, DATASET_INFO_FILE), text)
      written.push({ path: DATASET_INFO_FILE, ...hashText(text) })
      return written
    },
    abort: splits.abort,
    loadSnippet: [
      'Point LLaMA-Factory at this folder (`dataset_dir`) and name a split dataset:',
      '```yaml',
      `dataset_dir: path/to/this/folder`,
      `dataset: ${ctx.name}_train`,
      'stage: dpo',
      '```'
    ].join('\n')
  }
}
