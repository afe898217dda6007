import { setImmediate as nextTurn } from 'node:timers/promises'

import type { SplitName } from '../../../../src-shared/domain/export-split'
import type { Db } from '../../../db/open-database'
import { readExportTexts } from '../../../store/export-pairs'
import type { RowPair } from '../formats/pair'
import type { ExportPlan } from './export-plan'

/** Records whose texts are read in one query, written between progress reports. */
const BATCH = 512

/** Where an export's write phase puts records, and whom it tells. */
export type WriteTarget = {
  readonly write: (pair: RowPair, split: SplitName) => Promise<void> | undefined
  /** Checked between batches: a failed image copy stops the export early. */
  readonly throwIfFailed: () => void
  readonly signal?: AbortSignal | undefined
  readonly onProgress?: ((done: number, total: number) => void) | undefined
}

/**
 * Writes the planned records in export order (`plan.order`), each to its split: texts are read
 * again from `reader` (the plan's snapshot) a batch at a time, so no more than a batch of texts
 * is held, and each record becomes a row through its format's writer. Counts the splits.
 */
export async function writeRecords(
  reader: Db,
  plan: ExportPlan,
  target: WriteTarget
): Promise<void> {
  const total = plan.order.length
  for (let start = 0; start < total; start += BATCH) {
    const indices = plan.order.slice(start, start + BATCH)
    const ids = indices.map((index) => (plan.records[index] as { pairId: number }).pairId)
    const texts = new Map(readExportTexts(reader, ids).map((row) => [row[0], row]))
    for (const index of indices) {
      const record = plan.records[index] as ExportPlan['records'][number]
      const row = texts.get(record.pairId)
      if (!row) throw new Error(`pair ${record.pairId} disappeared during the export`)
      const split = plan.splits[index] as SplitName
      const writing = target.write(
        { ...record, question: row[1], chosen: row[2], rejected: row[3] },
        split
      )
      if (writing) await writing
      plan.stats.addSplit(split)
    }
    target.throwIfFailed()
    target.onProgress?.(Math.min(start + BATCH, total), total)
    await nextTurn()
    target.signal?.throwIfAborted()
  }
  if (total === 0) target.onProgress?.(0, 0)
}
