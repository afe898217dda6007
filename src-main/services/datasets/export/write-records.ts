import { setImmediate as nextTurn } from 'node:timers/promises'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import type { SplitName } from '../../../src-shared/domain/export-split'
import type { Db } from '../../db/open-database'
import { exportSequence } from './export-sequence'
import type { FormatWriter } from './format-writer'
import type { ImageSink } from './image-sink'
import { writeNativeSplits } from './native-plan'
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
 * extension writes each split's file whole (`writeNativeSplits`), and the writer adopts them.
 */
export async function writeNativeLines(
  reader: Db,
  plan: WritePlan,
  total: number,
  target: WriteTarget
): Promise<void> {
  const files = target.writer.jsonlFiles
  const train = files?.get('train')
  if (!files || !train) throw new Error('a natively planned export needs a JSON Lines writer')
  const validation = files.get('validation') ?? null
  const written = await writeNativeSplits(
    reader,
    plan.splits,
    { train: train.path, validation: validation?.path ?? null },
    (done) => betweenBatches(target, done, total)
  )
  train.adopt(written.train)
  if (validation && written.validation) validation.adopt(written.validation)
  for (const split of plan.splits) plan.stats.addSplit(split)
  target.images.throwIfFailed()
  if (total === 0) target.onProgress?.({ stage: 'write', done: total, total })
}

/** Between batches: a failed copy or a cancel stops the export; the event loop gets a turn. */
async function betweenBatches(target: WriteTarget, done: number, total: number): Promise<void> {
  target.images.throwIfFailed()
  target.onProgress?.({ stage: 'write', done, total })
  await nextTurn()
  target.signal?.throwIfAborted()
}
