import type { FormatWriter, WriterContext } from '../../export/format-writer'
import { openJsonlSplits } from '../../export/jsonl-splits'
import { toTrlRow } from './row'

/**
 * `trl`: TRL DPO vision rows (conversational prompt / chosen / rejected with `{"type":"image"}`
 * placeholders, `images` as paths relative to the export folder) in `<split>.jsonl`, images in
 * `images/`.
 */
export function createTrlWriter(ctx: WriterContext): FormatWriter {
  const splits = openJsonlSplits(ctx, (split) => `${split}.jsonl`)
  return {
    dataFiles: splits.dataFiles,
    write: (pair, split) => {
      const paths = pair.images.map((image) => ctx.images.place(image))
      return splits.writeLine(split, JSON.stringify(toTrlRow(pair, paths)))
    },
    close: splits.close,
    abort: splits.abort,
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
