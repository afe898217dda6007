import { existsSync, statSync } from 'node:fs'

import type { ImportFormat, ImportPreviewDto } from '../../../src-shared/contract/ingest'
import { RpcError } from '../../../src-shared/rpc/errors'
import { rowFields } from './import-row-fields'
import { imagePathsOf, readImportRows } from './import-rows'
import type { ImportRows, RawRow } from './import-rows'
import { resolveInside } from '../../platform/resolve-inside'

const PARSE_ERRORS_SHOWN = 20

function previewRow(source: ImportRows, row: RawRow): ImportPreviewDto['preview'][number] {
  const images = imagePathsOf(row.record)
  let question: string | null = null
  let answer: string | null = null
  try {
    const fields = rowFields(row.record)
    question = fields.question
    answer = fields.answer
    if (images.length === 0) throw new Error('no image (expected "image" or "images")')
    for (const path of images) resolveInside(source.baseDir, path)
    return { where: row.where, images, question, answer, error: null }
  } catch (error) {
    return { where: row.where, images, question, answer, error: (error as Error).message }
  }
}

function preferenceHint(rows: readonly RawRow[]): string | null {
  const first = rows[0]?.record
  if (first && 'chosen' in first && 'rejected' in first) {
    return 'These rows have "chosen" and "rejected" answers: import them as a preference dataset to get pairs.'
  }
  return null
}

/**
 * What an import of `source` would read, without writing anything: the same reader and row
 * checks as `runImport`, over the first `limit` rows.
 * @throws RpcError BAD_INPUT naming the source when it cannot be imported at all.
 */
export function previewImport(
  source: string,
  format: ImportFormat,
  limit: number
): ImportPreviewDto {
  if (!existsSync(source)) throw new RpcError('BAD_INPUT', `"${source}" does not exist`)
  if (/\.parquet$/i.test(source) && statSync(source).isFile()) {
    throw new RpcError(
      'BAD_INPUT',
      `"${source}" is a Parquet file: import it as a preference dataset (TRL Parquet)`
    )
  }
  let rows: ImportRows
  try {
    rows = readImportRows(source, format)
  } catch (error) {
    throw new RpcError('BAD_INPUT', (error as Error).message)
  }
  return {
    format: rows.format,
    questionsFile: rows.questionsFile,
    rows: rows.rows.length + rows.parseErrors.length,
    looseImages: rows.looseImages.length,
    preview: rows.rows.slice(0, limit).map((row) => previewRow(rows, row)),
    parseErrors: rows.parseErrors.slice(0, PARSE_ERRORS_SHOWN),
    parseErrorCount: rows.parseErrors.length,
    hint: preferenceHint(rows.rows)
  }
}
