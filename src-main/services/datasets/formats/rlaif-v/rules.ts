import { asId, asTier, toRecordImage } from '../dataset-record'
import type { RowResult } from '../dataset-record'

/**
 * Checks an RLAIF-V row (question, chosen, rejected as text; `image` as an HF Image struct or a
 * path) and turns it into a record. SeVa's `reject` column is read as `rejected`.
 */
export function rlaifVRowToRecord(row: Record<string, unknown>): RowResult {
  const problems: string[] = []
  const text = (column: string, value: unknown): string => {
    if (typeof value !== 'string' || !value.trim()) problems.push(`${column} is missing or empty`)
    return typeof value === 'string' ? value : ''
  }
  const question = text('question', row.question)
  const chosen = text('chosen', row.chosen)
  const rejected = text('rejected', row.rejected ?? row.reject)
  const image = toRecordImage(row.image ?? row.image_path)
  if (typeof image === 'string') problems.push(image)
  if (problems.length || typeof image === 'string') return { record: null, problems }
  return {
    record: {
      id: asId(row.idx),
      question,
      chosen,
      rejected,
      tier: asTier(row.tier),
      images: [image]
    },
    problems: []
  }
}
