import { relative, resolve } from 'node:path'

import type { ExportFormat } from '../../../../src-shared/contract/exports'
import { resolveInside } from '../../../platform/resolve-inside'
import { insertImportedPair } from '../../../store/imported-pairs'
import { addOriginalImage, insertSample } from '../../ingest/sample-writer'
import type { StoredImage } from '../../ingest/sample-writer'
import type { ProjectHandle } from '../../project/project-folder'
import type { DatasetRecord, RecordImage } from '../formats/dataset-record'
import { readRows } from '../formats/dataset-readers'
import { ROW_RULES } from '../formats/format-rules'
import { restoreMediaTokens } from '../formats/text-policy'
import { detectDataset } from './detect-dataset'

export type ImportOptions = {
  /** Forces a format instead of detecting it. */
  readonly format?: ExportFormat
  /** Status of the imported pairs: `pending` (default) queues them for review. */
  readonly status?: 'pending' | 'accepted'
  readonly signal?: AbortSignal
  readonly onProgress?: (rows: number) => void
}

export type ImportResult = {
  readonly format: ExportFormat
  readonly rows: number
  readonly imported: number
  readonly duplicates: number
  /** Rows that broke their format's rules or whose images could not be read, with why. */
  readonly errors: Array<{ item: string; reason: string }>
}

/**
 * Imports a preference dataset in one of the export formats (a Delta Studio export, or an
 * external dataset in the same layouts) into the project as pairs with origin `import`. Each
 * row is checked with the same rules as the export self-check; a bad row is reported with its
 * file, row number and reason and the rest continue. Images (files inside the dataset folder,
 * or embedded bytes) go to the media store once each; a pair already present (same sample,
 * same answers) is counted as a duplicate and not added again, so re-running an import is safe.
 * Each pair is committed as soon as it is read. A Delta Studio export's texts come back as they
 * were before its text policy (`restoreMediaTokens`), so a round trip keeps them byte for byte.
 */
export async function importDataset(
  project: ProjectHandle,
  source: string,
  options: ImportOptions = {}
): Promise<ImportResult> {
  const dataset = await detectDataset(resolve(source), options.format)
  const rules = ROW_RULES[dataset.format]
  const context = { ownExport: dataset.ownExport }
  const restore = (text: string): string => (dataset.ownExport ? restoreMediaTokens(text) : text)
  const errors: ImportResult['errors'] = []
  let rows = 0
  let imported = 0
  let duplicates = 0
  for (const file of dataset.files) {
    const label = relative(dataset.root, file.path) || file.path
    for await (const item of readRows(file.path)) {
      options.signal?.throwIfAborted()
      rows++
      const where = `${label} row ${item.index}`
      if (item.error !== undefined) {
        errors.push({ item: where, reason: item.error })
        continue
      }
      const result = rules(item.row, context)
      if (!result.record) {
        errors.push({ item: where, reason: result.problems.join('; ') })
        continue
      }
      try {
        const { record } = result
        const texts = {
          question: restore(record.question),
          chosen: restore(record.chosen),
          rejected: restore(record.rejected)
        }
        const added = await addRecord(
          project,
          dataset.root,
          { ...record, ...texts },
          options.status ?? 'pending'
        )
        if (added) imported++
        else duplicates++
      } catch (error) {
        errors.push({ item: where, reason: error instanceof Error ? error.message : String(error) })
      }
      if (rows % 100 === 0) options.onProgress?.(rows)
    }
  }
  options.onProgress?.(rows)
  return { format: dataset.format, rows, imported, duplicates, errors }
}

async function storeImage(
  project: ProjectHandle,
  root: string,
  image: RecordImage
): Promise<StoredImage> {
  if (image.kind === 'bytes') {
    return addOriginalImage(project.db, project.mediaDir, { bytes: image.bytes }, 'import')
  }
  const file = resolveInside(root, image.path)
  return addOriginalImage(project.db, project.mediaDir, { file }, 'import')
}

/** Adds one record; false when the same pair is already in the project. */
async function addRecord(
  project: ProjectHandle,
  root: string,
  record: DatasetRecord,
  status: 'pending' | 'accepted'
): Promise<boolean> {
  const images: StoredImage[] = []
  for (const image of record.images) images.push(await storeImage(project, root, image))
  const db = project.db
  return db.transaction(() => {
    const sample = insertSample(db, {
      question: record.question,
      images,
      externalId: record.id,
      metadata: record.id ? { importedId: record.id } : null
    })
    return insertImportedPair(db, {
      sampleId: sample.id,
      status,
      tier: record.tier,
      chosen: record.chosen,
      rejected: record.rejected
    })
  })()
}
