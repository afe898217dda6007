import { setImmediate as nextTurn } from 'node:timers/promises'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import type { SplitName } from '../../../src-shared/domain/export-split'
import type { Db } from '../../db/open-database'
import { exportSequence } from './export-sequence'
import type { FormatWriter } from './format-writer'
import type { ImageSink } from './image-sink'
import { nativeLines } from './native-plan'
import type { PlanResult } from './pair-source'
import type { RecordSpill } from './record-spill'

/** Records written between progress reports (and turns of the event loop). */
const BATCH = 512

/** Where an export's write phase puts records, and whom it tells. */
export type WriteTarget = {
  readonly writer: FormatWriter
  /** Checked between batches: a failed image copy stops the export early. */
  readonly images: Pick<ImageSink, 'throwIfFailed'>
  readonly signal?: AbortSignal | undefined
  readonly onProgress?:
    ((progress: { stage: 'write'; done: number; total: number }) => void) | undefined
}

type WritePlan = Pick<PlanResult, 'keys' | 'tiers' | 'stats'> & { readonly splits: SplitName[] }

/**
 * Writes every planned record from `records` to its split in export order (`exportSequence`),
 * one record at a time, and counts the splits.
 */
export async function writeRecords(
  records: RecordSpill,
  plan: WritePlan,
  options: Pick<ExportOptions, 'order' | 'seed'>,
  target: WriteTarget
): Promise<void> {
  const total = records.count
  let done = 0
  for (const index of exportSequence(records, plan, options)) {
    const split = plan.splits[index] as SplitName
    const writing = target.writer.write(records, index, split)
    if (writing) await writing
    plan.stats.addSplit(split)
    if (++done % BATCH === 0) await betweenBatches(target, done, total)
  }
  target.images.throwIfFailed()
  if (done % BATCH !== 0) target.onProgress?.({ stage: 'write', done, total })
}

/**
 * Writes the records of a native plan (`planNatively`, on `reader`) in export order: the
 * extension hands over finished lines a chunk at a time (`nativeLines`), and the writer only
 * moves them into the split files.
 */
export async function writeNativeLines(
  reader: Db,
  plan: WritePlan,
  total: number,
  target: WriteTarget
): Promise<void> {
  const { writer } = target
  if (!writer.writeLines) throw new Error('a natively planned export needs a JSON Lines writer')
  let reported = 0
  for (const lines of nativeLines(reader, plan.splits)) {
    await writer.writeLines('train', lines.train)
    if (lines.validation.length > 0) await writer.writeLines('validation', lines.validation)
    await betweenBatches(target, lines.done, total)
    reported = lines.done
  }
  for (const split of plan.splits) plan.stats.addSplit(split)
  target.images.throwIfFailed()
  if (reported !== total) target.onProgress?.({ stage: 'write', done: total, total })
}

/** Between batches: a failed copy or a cancel stops the export; the event loop gets a turn. */
async function betweenBatches(target: WriteTarget, done: number, total: number): Promise<void> {
  target.images.throwIfFailed()
  target.onProgress?.({ stage: 'write', done, total })
  await nextTurn()
  target.signal?.throwIfAborted()
}
