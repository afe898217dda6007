import { setImmediate as nextTurn } from 'node:timers/promises'

import type { ExportOptions } from '../../../../src-shared/contract/exports'
import { exportOrder } from '../../../../src-shared/domain/export-order'
import { assignSplits } from '../../../../src-shared/domain/export-split'
import type { SplitName } from '../../../../src-shared/domain/export-split'
import type { Db } from '../../../db/open-database'
import { iterateExportPairs, loadRunModels } from '../../../store/export-pairs'
import type { ExportPairRow } from '../../../store/export-pairs'
import type { ImageRef } from '../formats/pair'
import { rlaifVProblem } from '../formats/rlaif-v/row'
import { exportText, textFindings } from '../formats/text-policy'
import { contentId } from './content-id'
import { ExportStats } from './export-stats'
import { ImageListParser } from './image-list'
import type { PlannedRecord } from './planned-record'

/** How many records each text rule (see formats/text-policy.ts) changed or flags. */
export type TextCounts = {
  mediaTokens: number
  loneSurrogates: number
  controls: number
  replacementChars: number
}

/** What an export writes: its records in id order, their splits, and the export order. */
export type ExportPlan = {
  readonly records: readonly PlannedRecord[]
  /** The split of each record, by plan index. */
  readonly splits: readonly SplitName[]
  /** Plan indices in export order (`exportOrder`). */
  readonly order: readonly number[]
  readonly stats: ExportStats
  readonly text: TextCounts
}

/** Rows read between two turns of the event loop (about 2 ms of work). */
const ROWS_PER_TURN = 256

/**
 * Why a format cannot express a record, or null. Only RLAIF-V refuses some (one image per row);
 * checked while planning, before splits are drawn, so the split of every exported record depends
 * only on records the format can hold (and a re-imported export splits the same way).
 */
export function formatProblem(format: ExportOptions['format'], imageCount: number): string | null {
  return format === 'rlaif-v' ? rlaifVProblem(imageCount) : null
}

/**
 * Plans an export in one streamed pass over the pairs (`iterateExportPairs`, id order) on
 * `reader` (`openExportReader`). Drops, each counted with its reason: pairs with no image, pairs
 * the format cannot express, pairs whose chosen and rejected are the same text as written
 * (they train nothing; whatever `dedupe` says), and with `dedupe` exact duplicates of an earlier
 * record (same content id). Then draws splits (no source image in two splits) and the order.
 * Texts are not kept: `writeRecords` reads them again, in export order.
 */
export async function planExport(
  reader: Db,
  options: ExportOptions,
  hooks: {
    signal?: AbortSignal | undefined
    /** Each record taken, as soon as it is (image copies can start before the writes). */
    onRecord?: (record: PlannedRecord) => void
  } = {}
): Promise<ExportPlan> {
  const { signal } = hooks
  const runs = loadRunModels(reader)
  const lists = new ImageListParser()
  const shared = new Map<string, string>()
  // One shared copy of each repeated short string (status, origin, recipe), not one per record.
  const intern = <T extends string | null>(value: T): T => {
    if (value === null) return value
    const known = shared.get(value)
    if (known !== undefined) return known as T
    shared.set(value, value)
    return value
  }
  const stats = new ExportStats()
  const text: TextCounts = { mediaTokens: 0, loneSurrogates: 0, controls: 0, replacementChars: 0 }
  const records: PlannedRecord[] = []
  const seen = new Set<string>()
  let rowsRead = 0
  for (const row of iterateExportPairs(reader, options) as Iterable<ExportPairRow>) {
    if (++rowsRead % ROWS_PER_TURN === 0) {
      await nextTurn()
      signal?.throwIfAborted()
    }
    const [pairId, tier, status, question, chosen, rejected, origin] = row
    if (row[12] === null) {
      stats.skip(pairId, 'the pair has no image')
      continue
    }
    const list = lists.parse(row[12])
    const problem = formatProblem(options.format, list.images.length)
    if (problem) {
      stats.skip(pairId, problem)
      continue
    }
    const chosenText = exportText(chosen).trim()
    const rejectedText = exportText(rejected).trim()
    // Every format's loader refuses an empty answer (TRL, LLaMA-Factory and RLAIF-V alike).
    if (chosenText === '' || rejectedText === '') {
      stats.skip(pairId, `the ${chosenText === '' ? 'chosen' : 'rejected'} answer is empty`)
      continue
    }
    if (chosenText === rejectedText) {
      stats.skip(pairId, 'chosen and rejected are the same text')
      continue
    }
    const id = contentId(question, chosen, rejected, list.shasJson)
    if (options.dedupe) {
      if (seen.has(id)) {
        stats.skip(pairId, `duplicate of record ${id}`)
        continue
      }
      seen.add(id)
    }
    countFindings(text, question, chosen, rejected)
    const run = row[11] === null ? undefined : runs.get(row[11])
    const record: PlannedRecord = {
      pairId,
      id,
      tier,
      status: intern(status),
      origin: intern(origin),
      judgeScore: row[7],
      deltaTokens: row[8],
      recipeKey: intern(row[9]),
      perturbType: intern(row[10]),
      model: run?.model ?? null,
      testModel: run?.testModel ?? false,
      images: list.images as readonly ImageRef[],
      labelledImages: row[13] === 1,
      roots: list.roots
    }
    records.push(record)
    stats.add(record)
    hooks.onRecord?.(record)
  }
  const splits: SplitName[] =
    options.split === 1
      ? new Array<SplitName>(records.length).fill('train')
      : assignSplits(
          records.map((r) => r.roots),
          options.split,
          options.seed
        )
  const order = exportOrder(
    records.map((r) => ({ key: r.id, tier: r.tier })),
    options.order,
    options.seed
  )
  return { records, splits, order, stats, text }
}

function countFindings(counts: TextCounts, ...texts: string[]): void {
  let media = false
  let lone = false
  let controls = false
  let replacement = false
  for (const value of texts) {
    const found = textFindings(value)
    media ||= found.mediaTokens
    lone ||= found.loneSurrogates
    controls ||= found.controls
    replacement ||= found.replacementChars
  }
  if (media) counts.mediaTokens++
  if (lone) counts.loneSurrogates++
  if (controls) counts.controls++
  if (replacement) counts.replacementChars++
}
