import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import type { ProjectHandle } from '../../project/project-folder'
import { runExport } from '../export/run-export'

/**
 * Exports `trl` into a new folder `name` beside the project, through the native plan or, with
 * `native` false, the JavaScript one (DELTA_STUDIO_NATIVE_EXPORT=0, unset again afterwards).
 * Returns each split's JSONL text, all of them joined, and the records and skip reasons.
 */
export async function exportTrl(
  project: ProjectHandle,
  name: string,
  native: boolean,
  options: Record<string, unknown> = {}
): Promise<{ files: Record<string, string>; lines: string; records: number; skipped: string[] }> {
  if (native) delete process.env.DELTA_STUDIO_NATIVE_EXPORT
  else process.env.DELTA_STUDIO_NATIVE_EXPORT = '0'
  try {
    const out = join(dirname(project.dir), name)
    const result = await runExport(project, out, { format: 'trl', split: 0.5, ...options })
    const files: Record<string, string> = {}
    for (const split of ['train', 'validation'].filter((split) => split in result.splits)) {
      files[split] = readFileSync(join(out, `${split}.jsonl`), 'utf8')
    }
    return {
      files,
      lines: Object.values(files).join(''),
      records: result.records,
      skipped: result.manifest.skipped.items.map((item) => item.reason)
    }
  } finally {
    delete process.env.DELTA_STUDIO_NATIVE_EXPORT
  }
}
