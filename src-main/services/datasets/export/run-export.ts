import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { ExportOptionsInput } from '../../../src-shared/contract/exports'
import type { ExportOptions } from '../../../src-shared/contract/exports'
import { ORDER_BUCKETS } from '../../../src-shared/domain/export-order'
import { assignSplits } from '../../../src-shared/domain/export-split'
import type { SplitName } from '../../../src-shared/domain/export-split'
import type { ProjectHandle } from '../project/project-folder'
import { deltaExportExtension } from '../../native/delta-export-extension'
import { decodeMemory } from '../../store/decoded-media'
import { createStagingDir } from './atomic-dir'
import { renderDatasetCard } from './dataset-card'
import { hashText } from './hash-text'
import { ImageSink } from './image-sink'
import { CARD_FILE, MANIFEST_FILE, buildManifest } from './manifest'
import type { Manifest } from './manifest'
import type { FormatWriter } from './format-writer'
import { openExportReader, planPairs } from './pair-source'
import type { PlanHooks, PlanResult, RecordEncoder } from './pair-source'
import type { ExportStats } from './export-stats'
import type { Db } from '../../db/open-database'
import { RecordSpill } from './record-spill'
import { selfCheck } from './self-check'
import type { CheckReport } from './self-check'
import { ENCODERS, NATIVE_PLAN_FORMATS, WRITERS } from './writers'
import { writeNativeLines, writeRecords } from './write-records'

/** The encoded records' file, inside the staging folder (removed before the check). */
const SPILL_FILE = '.records.spill'

/** Progress of an export: stage, and records (or rows checked) done of total. */
export type ExportProgress = {
  readonly stage: 'plan' | 'write' | 'check' | 'commit'
  readonly done: number
  readonly total: number
}

export type ExportResult = {
  readonly path: string
  readonly format: ExportOptions['format']
  readonly records: number
  readonly splits: Record<string, number>
  readonly skipped: number
  readonly manifest: Manifest
  readonly check: CheckReport
}

/** Why an export's self-check rejected what it wrote. */
export class ExportCheckError extends Error {
  readonly report: CheckReport
  constructor(report: CheckReport) {
    super(
      `the export failed its self-check (${report.problemCount} problems): ${report.problems.slice(0, 5).join('; ')}`
    )
    this.name = 'ExportCheckError'
    this.report = report
  }
}

/** An export's records (see `PlanResult`) and their splits. */
export type ExportPlan = PlanResult & {
  /** The split of each record, by record index. */
  readonly splits: SplitName[]
}

/**
 * Plans an export: reads the pairs it takes into `spill` (see `planPairs`), then draws splits
 * (no leakage across source images). `exportSequence` walks the records in export order. Reads
 * through a connection of its own, so the project stays usable meanwhile.
 */
export async function planExport(
  project: ProjectHandle,
  options: ExportOptions,
  spill: RecordSpill,
  encode: RecordEncoder
): Promise<ExportPlan> {
  const reader = openExportReader(project.db)
  try {
    return await planWith(reader, options, spill, encode)
  } finally {
    reader.close()
  }
}

/** `planExport` through `reader` (`openExportReader`, with the extension for `nativeImages`). */
async function planWith(
  reader: Db,
  options: ExportOptions,
  spill: RecordSpill,
  encode: RecordEncoder,
  hooks: PlanHooks = {}
): Promise<ExportPlan> {
  const plan = await planPairs(reader, options, spill, encode, hooks)
  // All in train needs no image keys, which a native plan would otherwise decode for every
  // record (see NativeRecordLog); assigned onto the plan, as spreading it would decode them too.
  const splits: SplitName[] =
    options.split === 1
      ? new Array<SplitName>(spill.count).fill('train')
      : assignSplits(plan.sourceKeys, options.split, options.seed)
  return Object.assign(plan, { splits })
}

/** A new record spill for one export's plan, with a bucket per `orderBucket` value. */
export function exportRecords(path: string): RecordSpill {
  return new RecordSpill(path, ORDER_BUCKETS)
}

/**
 * Exports the project's pairs into a new folder `out` in one format. Records are read and
 * encoded once, in one pass (see `planPairs`), and wait in a file (`RecordSpill`, so memory stays
 * bounded) until they are written in export order; output files stream out in bounded chunks,
 * and images are copied (from the moment their record is read) or re-encoded once each.
 * Atomic: everything is written to a hidden staging folder beside `out`, checked by
 * `selfCheck`, and renamed onto `out` only
 * when the check passes; on failure, self-check problems or cancellation (`signal`, which
 * rejects with an AbortError) the staging folder is removed and `out` never appears. Records a
 * format cannot express (e.g. a multi-image pair in RLAIF-V) are skipped and named in the
 * manifest. The finished export is recorded in the project's `exports` table.
 */
export async function runExport(
  project: ProjectHandle,
  out: string,
  input: ExportOptionsInput,
  hooks: {
    signal?: AbortSignal
    onProgress?: (progress: ExportProgress) => void
    jobId?: string
  } = {}
): Promise<ExportResult> {
  const options = ExportOptionsInput.parse(input)
  const { signal, onProgress } = hooks
  signal?.throwIfAborted()
  const staging = await createStagingDir(out)
  // Only formats with a native plan ask for the extension (its first use compiles it).
  const extension = NATIVE_PLAN_FORMATS.has(options.format) ? deltaExportExtension() : null
  const writerContext = {
    dir: staging.path,
    images: new ImageSink(project.mediaDir, staging.path, options.images),
    name: options.name,
    projectName: project.name
  }
  // Records wait here, encoded, between the plan (id order) and the writes (export order).
  const records = exportRecords(join(staging.path, SPILL_FILE))
  let writer: FormatWriter | null = null
  try {
    onProgress?.({ stage: 'plan', done: 0, total: 0 })
    const encode = ENCODERS[options.format](writerContext.images)
    // The plan's own connection, kept through the writes: a native plan keeps its records there.
    const reader = openExportReader(project.db, extension)
    let stats: ExportStats
    try {
      const plan = await planWith(reader, options, records, encode, {
        signal,
        ...(extension ? { nativeImages: writerContext.images } : {})
      })
      stats = plan.stats
      const splitNames: SplitName[] = ['train']
      if (plan.splits.includes('validation')) splitNames.push('validation')
      const opened = WRITERS[options.format]({ ...writerContext, splits: splitNames })
      writer = opened
      const target = { writer: opened, images: writerContext.images, signal, onProgress }
      if (extension) await writeNativeLines(reader, plan, records.count, target)
      else await writeRecords(records, plan, options, target)
    } finally {
      reader.close()
    }
    records.dispose()
    signal?.throwIfAborted()
    const images = writerContext.images
    const dataFiles = await writer.close()
    const imageFiles = await images.files()
    const manifest = buildManifest({
      options,
      projectName: project.name,
      stats,
      dataFiles: writer.dataFiles,
      files: [...dataFiles, ...imageFiles],
      distinctImages: images.distinct
    })
    const card = renderDatasetCard(manifest, writer.loadSnippet)
    await writeFile(join(staging.path, CARD_FILE), card)
    manifest.files.push({ path: CARD_FILE, ...hashText(card) })
    await writeFile(join(staging.path, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
    onProgress?.({ stage: 'check', done: 0, total: stats.records })
    // What decoded is a fact about the bytes whatever the verdict, so it is kept either way.
    const facts = decodeMemory(project.db)
    const check = await selfCheck(staging.path, signal, facts)
    facts.save()
    if (!check.ok) throw new ExportCheckError(check)
    signal?.throwIfAborted()
    onProgress?.({ stage: 'commit', done: stats.records, total: stats.records })
    await staging.commit()
    recordExport(project, options, staging.target, manifest, hooks.jobId ?? null)
    return {
      path: staging.target,
      format: options.format,
      records: stats.records,
      splits: { ...stats.bySplit },
      skipped: stats.skipped.length,
      manifest,
      check
    }
  } catch (error) {
    // Stop every writer first: a background copy landing after the removal would recreate it.
    await writerContext.images.abort()
    await writer?.abort().catch(() => undefined)
    records.dispose()
    await staging.discard()
    throw error
  }
}

function recordExport(
  project: ProjectHandle,
  options: ExportOptions,
  path: string,
  manifest: Manifest,
  jobId: string | null
): void {
  const { files: _files, ...summary } = manifest
  project.db
    .prepare(
      `INSERT INTO exports (job_id, format, path, filter, manifest, records, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      jobId,
      options.format,
      path,
      JSON.stringify(options.filter),
      JSON.stringify(summary),
      manifest.records,
      new Date().toISOString()
    )
}
