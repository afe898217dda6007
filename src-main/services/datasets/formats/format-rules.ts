import type { ExportFormat } from '../../../../src-shared/contract/exports'
import type { RowContext, RowResult } from './dataset-record'
import { llamaFactoryRowToRecord } from './llamafactory/rules'
import { rlaifVRowToRecord } from './rlaif-v/rules'
import { trlRowToRecord } from './trl/rules'

/** The row rules (and row → record conversion) of each format; self-check and import share them. */
export const ROW_RULES: Record<
  ExportFormat,
  (row: Record<string, unknown>, context?: RowContext) => RowResult
> = {
  trl: trlRowToRecord,
  'trl-parquet': trlRowToRecord,
  llamafactory: llamaFactoryRowToRecord,
  'rlaif-v': rlaifVRowToRecord
}
