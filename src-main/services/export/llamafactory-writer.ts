import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { SplitName } from '../../../src-shared/domain/export-split'
import type { FormatWriter, WriterContext } from './format-writer'
import type { WrittenFile } from './image-sink'
import { JsonlFile } from './jsonl-file'
import { hashText } from './hash-text'
import type { ExportPair } from './pair-source'
import { toLlamaFactoryRow } from './row-builders'

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
 * A record as its LLaMA-Factory line. The plan has already dropped records whose question holds
 * a number of `<image>` tokens other than their images (`formatProblem`).
 */
export function llamaFactoryLine(pair: ExportPair, imagePaths: string[]): string {
  const row = toLlamaFactoryRow(pair, imagePaths)
  if (typeof row === 'string') throw new Error(`record ${pair.id} reached the writer: ${row}`)
  return JSON.stringify(row)
}

/**
 * `llamafactory`: sharegpt preference rows in `<name>_<split>.jsonl`, images in `images/`
 * (resolved against the dataset folder, LLaMA-Factory's default `media_dir`), and a
 * `dataset_info.json` registering one dataset per split.
 */
export function createLlamaFactoryWriter(ctx: WriterContext): FormatWriter {
  const files = new Map<SplitName, JsonlFile>()
  const dataFiles: Partial<Record<SplitName, string>> = {}
  for (const split of ctx.splits) {
    const rel = `${ctx.name}_${split}.jsonl`
    dataFiles[split] = rel
    files.set(split, new JsonlFile(join(ctx.dir, rel), rel))
  }
  return {
    dataFiles,
    // Records are kept as finished lines (see ENCODERS): writing one moves its bytes.
    write: (records, index, split) => (files.get(split) as JsonlFile).writeRecord(records, index),
    async close() {
      const written: WrittenFile[] = await Promise.all([...files.values()].map((f) => f.close()))
      const info: Record<string, unknown> = {}
      for (const split of ctx.splits) {
        info[`${ctx.name}_${split}`] = datasetInfoEntry(dataFiles[split] as string)
      }
      const text = `${JSON.stringify(info, null, 2)}\n`
      await writeFile(join(ctx.dir, DATASET_INFO_FILE), text)
      written.push({ path: DATASET_INFO_FILE, ...hashText(text) })
      return written
    },
    abort: async () => {
      await Promise.all([...files.values()].map((file) => file.abort()))
    },
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
