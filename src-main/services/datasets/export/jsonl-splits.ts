import { join } from 'node:path'

import type { SplitName } from '../../../../src-shared/domain/export-split'
import type { FormatWriter, WriterContext } from './format-writer'
import type { WrittenFile } from './image-sink'
import { JsonlFile } from './jsonl-file'

export type JsonlSplits = Pick<FormatWriter, 'dataFiles' | 'abort'> & {
  writeLine(split: SplitName, line: string): Promise<void> | undefined
  close(): Promise<WrittenFile[]>
}

/**
 * One JSON Lines file per split, named by `fileName`; shared by the JSON Lines writers (the
 * twin of `openParquetShards`).
 */
export function openJsonlSplits(
  ctx: WriterContext,
  fileName: (split: SplitName) => string
): JsonlSplits {
  const files = new Map<SplitName, JsonlFile>()
  const dataFiles: Partial<Record<SplitName, string>> = {}
  for (const split of ctx.splits) {
    const rel = fileName(split)
    dataFiles[split] = rel
    files.set(split, new JsonlFile(join(ctx.dir, rel), rel))
  }
  return {
    dataFiles,
    writeLine: (split, line) => (files.get(split) as JsonlFile).writeLine(line),
    close: () => Promise.all([...files.values()].map((file) => file.close())),
    abort: async () => {
      await Promise.all([...files.values()].map((file) => file.abort()))
    }
  }
}
