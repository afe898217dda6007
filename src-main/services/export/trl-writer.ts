import { join } from 'node:path'

import type { SplitName } from '../../../src-shared/domain/export-split'
import type { FormatWriter, WriterContext } from './format-writer'
import { JsonlFile } from './jsonl-file'

/**
 * `trl`: TRL DPO vision rows (conversational prompt / chosen / rejected with `{"type":"image"}`
 * placeholders, `images` as paths relative to the export folder) in `<split>.jsonl`, images in
 * `images/`.
 */
export function createTrlWriter(ctx: WriterContext): FormatWriter {
  const files = new Map<SplitName, JsonlFile>()
  const dataFiles: Partial<Record<SplitName, string>> = {}
  for (const split of ctx.splits) {
    const rel = `${split}.jsonl`
    dataFiles[split] = rel
    files.set(split, new JsonlFile(join(ctx.dir, rel), rel))
  }
  return {
    dataFiles,
    // Records are kept as finished lines (see ENCODERS): writing one moves its bytes.
    write: (records, index, split) => (files.get(split) as JsonlFile).writeRecord(records, index),
    close: () => Promise.all([...files.values()].map((file) => file.close())),
    abort: async () => {
      await Promise.all([...files.values()].map((file) => file.abort()))
    },
    loadSnippet: [
      '```python',
      'import os',
      'from datasets import load_dataset, Image, Sequence',
      'root = "path/to/this/folder"',
      `ds = load_dataset("json", data_files={${ctx.splits.map((s) => `"${s}": os.path.join(root, "${s}.jsonl")`).join(', ')}})`,
      'ds = ds.map(lambda r: {"images": [os.path.join(root, p) for p in r["images"]]})',
      'ds = ds.cast_column("images", Sequence(Image()))',
      '# DPOTrainer(..., args=DPOConfig(max_length=None), train_dataset=ds["train"])',
      '```'
    ].join('\n')
  }
}
