import { relative, resolve } from 'node:path'

import type {
  DatasetPreviewDto,
  DatasetPreviewRow,
  ExportFormat
} from '../../../../src-shared/contract/exports'
import { RpcError } from '../../../../src-shared/rpc/errors'
import { resolveInside } from '../../../platform/resolve-inside'
import type { RowContext } from '../formats/dataset-record'
import { readRows } from '../formats/dataset-readers'
import type { ReadRow } from '../formats/dataset-readers'
import { ROW_RULES } from '../formats/format-rules'
import { restoreMediaTokens } from '../formats/text-policy'
import { detectDataset } from './detect-dataset'
import type { DetectedDataset } from './detect-dataset'

/** Texts longer than this are clipped: the preview is for recognising rows, not reading them. */
const TEXT_SHOWN = 600

const clip = (text: string) => (text.length > TEXT_SHOWN ? `${text.slice(0, TEXT_SHOWN)}…` : text)

const refused = (where: string, error: string): DatasetPreviewRow => ({
  where,
  images: [],
  question: null,
  chosen: null,
  rejected: null,
  tier: null,
  error
})

/** One row checked as `importDataset` checks it, without storing anything. */
function previewRow(dataset: DetectedDataset, where: string, item: ReadRow): DatasetPreviewRow {
  if (item.error !== undefined) return refused(where, item.error)
  const context: RowContext = { ownExport: dataset.ownExport }
  const result = ROW_RULES[dataset.format](item.row, context)
  if (!result.record) return refused(where, result.problems.join('; '))
  const { record } = result
  const restore = (text: string) => clip(dataset.ownExport ? restoreMediaTokens(text) : text)
  // No brackets around the name: the table cuts long paths at the start (right-to-left
  // direction), where a bracket would be mirrored to the wrong end.
  const images = record.images.map((image) =>
    image.kind === 'file' ? image.path : image.name ? `embedded: ${image.name}` : 'embedded'
  )
  let error: string | null = null
  try {
    // The same containment rule the import applies before it copies a file.
    for (const image of record.images) {
      if (image.kind === 'file') resolveInside(dataset.root, image.path)
    }
  } catch (e) {
    error = (e as Error).message
  }
  return {
    where,
    images,
    question: restore(record.question),
    chosen: restore(record.chosen),
    rejected: restore(record.rejected),
    tier: record.tier,
    error
  }
}

/**
 * What a `dataset-import` of `source` would read, without writing anything: the detected format,
 * its data files and the first `limit` rows (across files, in the import's order), each checked
 * with the import's format rules and image containment. Reads no further than those rows.
 * @throws RpcError BAD_INPUT naming the source or file when the dataset cannot be read at all
 * (missing, no data file, a format its columns do not tell, a file that does not parse).
 */
export async function previewDataset(
  source: string,
  format: ExportFormat | undefined,
  limit: number
): Promise<DatasetPreviewDto> {
  let dataset: DetectedDataset
  try {
    dataset = await detectDataset(resolve(source), format)
  } catch (error) {
    throw new RpcError('BAD_INPUT', (error as Error).message)
  }
  const preview: DatasetPreviewRow[] = []
  for (const file of dataset.files) {
    if (preview.length >= limit) break
    const label = relative(dataset.root, file.path) || file.path
    try {
      for await (const item of readRows(file.path)) {
        preview.push(previewRow(dataset, `${label} row ${item.index}`, item))
        if (preview.length >= limit) break
      }
    } catch (error) {
      const message = (error as Error).message
      // Readers name the file in some messages (a JSON array that does not parse) but not all.
      throw new RpcError(
        'BAD_INPUT',
        message.includes(file.path) ? message : `${label}: ${message}`
      )
    }
  }
  return {
    format: dataset.format,
    ownExport: dataset.ownExport,
    files: dataset.files.map((f) => ({
      split: f.split,
      path: relative(dataset.root, f.path) || f.path
    })),
    preview
  }
}
