import { isAbsolute, join, relative, resolve } from 'node:path'

import type { ExportFormat } from '../../../../src-shared/contract/exports'
import type { ProjectHandle } from '../../project/project-folder'
import { SHOWN_TEXT } from '../../../store/pair-columns'
import { insertPairTexts } from '../../../store/pair-texts'
import { addOriginalImage, insertSample } from '../../ingest/sample-writer'
import type { StoredImage } from '../../ingest/sample-writer'
import type { DatasetRecord, RecordImage } from '../dataset-record'
import { readRows } from '../dataset-readers'
import { ROW_RULES } from '../format-rules'
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
 * Each pair is committed as soon as it is read.
 */
export async function importDataset(
  project: ProjectHandle,
  source: string,
  options: ImportOptions = {}
): Promise<ImportResult> {
  const dataset = await detectDataset(resolve(source), options.format)
  const rules = ROW_RULES[dataset.format]
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
      const result = rules(item.row)
      if (!result.record) {
        errors.push({ item: where, reason: result.problems.join('; ') })
        continue
      }
      try {
        const added = await addRecord(
          project,
          dataset.root,
          result.record,
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
  const file = resolve(root, image.path)
  const inside = relative(root, file)
  if (image.path.includes('://') || isAbsolute(inside) || inside.startsWith('..')) {
    throw new Error(`image path "${image.path}" leaves the dataset folder`)
  }
  return addOriginalImage(project.db, project.mediaDir, { file: join(root, inside) }, 'import')
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
    const existing = db
      .prepare(
        // Compared as shown (edits and swap applied), like the export wrote them.
        `SELECT 1 FROM pairs p JOIN pair_texts t ON t.pair_id = p.id WHERE p.sample_id = ?
            AND ${SHOWN_TEXT.chosen} = ? AND ${SHOWN_TEXT.rejected} = ?`
      )
      .get(sample.id, record.chosen, record.rejected)
    if (existing) return false
    const sampleTier = db.prepare('SELECT tier FROM samples WHERE id = ?').get(sample.id) as {
      tier: number
    }
    const now = new Date().toISOString()
    const pair = db
      .prepare(
        `INSERT INTO pairs (sample_id, origin, status, tier, created_at, updated_at)
         VALUES (?, 'import', ?, ?, ?, ?)`
      )
      .run(sample.id, status, record.tier ?? sampleTier.tier, now, now)
    insertPairTexts(db, Number(pair.lastInsertRowid), record.chosen, record.rejected)
    return true
  })()
}
