import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { ExportOptionsInput } from '../../../../src-shared/contract/exports'
import type { ExportOptions } from '../../../../src-shared/contract/exports'
import type { SplitName } from '../../../../src-shared/domain/export-split'
import { openExportReader } from '../../../store/export-pairs'
import { insertExport } from '../../../store/exports-repo'
import type { ProjectHandle } from '../../project/project-folder'
import { createStagingDir } from './atomic-dir'
import { renderDatasetCard } from './dataset-card'
import { planExport } from './export-plan'
import type { FormatWriter } from './format-writer'
import { hashText } from './hash-text'
import { ImageSink } from './image-sink'
import { CARD_FILE, MANIFEST_FILE, buildManifest } from './manifest'
import type { Manifest } from './manifest'
import { selfCheck } from './self-check'
import type { CheckReport } from './self-check'
import { IMAGE_FILE_FORMATS, WRITERS } from './writers'
import { writeRecords } from './write-records'

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

/**
 * Exports the project's pairs into a new folder `out` in one format, in one straight line:
 * plan (one streamed read of the pairs, `planExport`) → write rows in export order through the
 * format's writer (`writeRecords`), while images are copied (`ImageSink`, from the first row
 * that names them) → manifest and dataset card → `selfCheck` → rename into place.
 *
 * Atomic: everything is written to a hidden staging folder beside `out` and renamed onto `out`
 * only when the self-check passes; on failure, self-check problems or cancellation (`signal`,
 * which rejects with an AbortError) the staging folder is removed and `out` never appears.
 * Records a format cannot express (a multi-image pair in RLAIF-V) are skipped and named in the
 * manifest. Reads through a connection of its own, so the project stays usable meanwhile. The
 * finished export is recorded in the project's `exports` table.
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
  const images = new ImageSink(project.mediaDir, staging.path, options.images)
  let writer: FormatWriter | null = null
  try {
    onProgress?.({ stage: 'plan', done: 0, total: 0 })
    const reader = openExportReader(project.db)
    let plan
    try {
      // Image files are copied from the moment their record is planned.
      const placeImages = IMAGE_FILE_FORMATS.has(options.format)
      plan = await planExport(reader, options, {
        signal,
        onRecord: placeImages
          ? (record) => record.images.forEach((image) => images.place(image))
          : undefined
      })
      const splitNames: SplitName[] = ['train']
      if (plan.splits.includes('validation')) splitNames.push('validation')
      writer = WRITERS[options.format]({
        dir: staging.path,
        images,
        name: options.name,
        projectName: project.name,
        splits: splitNames
      })
      const opened = writer
      await writeRecords(reader, plan, {
        write: (pair, split) => opened.write(pair, split),
        throwIfFailed: () => images.throwIfFailed(),
        signal,
        onProgress: (done, total) => onProgress?.({ stage: 'write', done, total })
      })
    } finally {
      reader.close()
    }
    const { stats } = plan
    const dataFiles = await writer.close()
    // Copies of stored images need not have landed for the manifest: their hash and size are
    // known, and the self-check waits for each file it reads. Other image files (converted,
    // re-encoded) must be written first.
    const imageFiles = images.plannedFiles() ?? (await images.files())
    signal?.throwIfAborted()
    const manifest = buildManifest({
      options,
      projectName: project.name,
      stats,
      dataFiles: writer.dataFiles,
      files: [...dataFiles, ...imageFiles],
      distinctImages: images.distinct,
      converted: images.converted,
      text: plan.text
    })
    const card = renderDatasetCard(manifest, writer.loadSnippet)
    await writeFile(join(staging.path, CARD_FILE), card)
    manifest.files.push({ path: CARD_FILE, ...hashText(card) })
    await writeFile(join(staging.path, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
    onProgress?.({ stage: 'check', done: 0, total: stats.records })
    const check = await selfCheck(staging.path, {
      signal,
      verbatim: images.verbatim,
      proved: images.proved,
      whenWritten: (rel) => images.whenWritten(rel)
    })
    // A failed copy is the export's error, before whatever the check made of its missing file.
    await images.files()
    if (!check.ok) throw new ExportCheckError(check)
    signal?.throwIfAborted()
    onProgress?.({ stage: 'commit', done: stats.records, total: stats.records })
    await staging.commit()
    const { files: _files, ...summary } = manifest
    insertExport(project.db, {
      jobId: hooks.jobId ?? null,
      format: options.format,
      path: staging.target,
      filter: JSON.stringify(options.filter),
      manifest: JSON.stringify(summary),
      records: manifest.records
    })
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
    await images.abort()
    await writer?.abort().catch(() => undefined)
    await staging.discard()
    throw error
  }
}
