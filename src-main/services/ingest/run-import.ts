import { join } from 'node:path'

import type { ProjectHandle } from '../project/project-folder'
import { addOriginalImage, insertSample } from './sample-writer'
import type { StoredImage } from './sample-writer'
import { ImagePrefetch } from './image-prefetch'
import { rowFields } from './import-row-fields'
import { imagePathsOf, readImportRows } from './import-rows'
import type { ImportFormat } from '../../../src-shared/contract/ingest'
import { DiskFullError, isDiskFull } from '../../platform/disk-full'
import { resolveInside } from '../../platform/resolve-inside'

/** Rows whose images are probed ahead of the row being written (see `ImagePrefetch`). */
const PROBE_AHEAD_ITEMS = 8

export type ImportParams = {
  readonly source: string
  readonly format: ImportFormat
  /** Asked of every image of a folder that no question row names; without it they are images only. */
  readonly defaultQuestion?: string
}

export type ImportStats = {
  format: string
  rows: number
  samples: number
  duplicates: number
  images: number
  errors: number
}

/** The parts of a job context an import reports to. */
export type ImportReporter = {
  readonly signal?: AbortSignal
  setTotal(total: number): void
  advance(units?: number): void
  recordError(item: string, reason: string): void
}

/**
 * Imports a folder, a VQA-style JSONL or a CSV into the project. Each row is validated on its
 * own: a bad row is reported with where it is and why, and the rest goes on. A row repeating
 * an existing sample (same images and question) counts as a duplicate and changes nothing, so
 * re-running an import (or resuming it) never creates duplicates.
 */
export async function runImport(
  project: ProjectHandle,
  params: ImportParams,
  report: ImportReporter
): Promise<ImportStats> {
  const source = readImportRows(params.source, params.format)
  const stats: ImportStats = {
    format: source.format,
    rows: source.rows.length + source.parseErrors.length,
    samples: 0,
    duplicates: 0,
    images: 0,
    errors: 0
  }
  const fail = (item: string, reason: string): void => {
    stats.errors++
    report.recordError(item, reason)
  }
  // A full disk is no row's fault: the import stops there, naming what it was writing, and
  // resumes (skipping what was committed) once there is space.
  const failRow = (where: string, error: unknown): void => {
    if (error instanceof DiskFullError) throw new DiskFullError(`${error.what} (${where})`, error)
    if (isDiskFull(error)) {
      throw new DiskFullError(`while writing the project database (${where})`, error)
    }
    fail(where, (error as Error).message)
  }
  report.setTotal(stats.rows + source.looseImages.length)
  for (const error of source.parseErrors) {
    fail(error.where, error.reason)
    report.advance()
  }
  const imageIds = new Set<number>()
  const prefetch = new ImagePrefetch(project.db)
  const addImage = async (path: string): Promise<StoredImage> => {
    const file = resolveInside(source.baseDir, path)
    const image = await addOriginalImage(
      project.db,
      project.mediaDir,
      { file },
      'import',
      prefetch.take(file)
    ).catch((error: Error) => {
      if (isDiskFull(error)) throw new DiskFullError(`while storing image "${path}"`, error)
      throw new Error(`image "${path}" is ${error.message}`, { cause: error })
    })
    imageIds.add(image.id)
    return image
  }
  // The image paths of item `index` (rows, then loose images), for probing ahead of time; a row
  // that names none, or names them wrongly, fails later in its own turn.
  const items = source.rows.length + source.looseImages.length
  const pathsOf = (index: number): string[] => {
    try {
      const paths =
        index < source.rows.length
          ? imagePathsOf((source.rows[index] as (typeof source.rows)[number]).record)
          : [join(source.baseDir, source.looseImages[index - source.rows.length] as string)]
      return paths.map((path) => resolveInside(source.baseDir, path))
    } catch {
      return []
    }
  }
  let probed = 0
  const probeAhead = (index: number): void => {
    for (; probed < Math.min(items, index + PROBE_AHEAD_ITEMS); probed++) {
      for (const file of pathsOf(probed)) prefetch.ahead(file)
    }
  }

  for (const [index, row] of source.rows.entries()) {
    report.signal?.throwIfAborted()
    probeAhead(index)
    try {
      const fields = rowFields(row.record)
      const paths = imagePathsOf(row.record)
      if (paths.length === 0) throw new Error('no image (expected "image" or "images")')
      const images: StoredImage[] = []
      for (const path of paths) images.push(await addImage(path))
      const result = insertSample(project.db, {
        question: fields.question,
        images,
        groundTruth: fields.answer,
        externalId: fields.externalId,
        metadata: fields.metadata
      })
      if (result.duplicate) stats.duplicates++
      else stats.samples++
    } catch (error) {
      failRow(row.where, error)
    }
    report.advance()
  }

  for (const [index, name] of source.looseImages.entries()) {
    report.signal?.throwIfAborted()
    probeAhead(source.rows.length + index)
    try {
      const image = await addImage(join(source.baseDir, name))
      if (params.defaultQuestion) {
        const result = insertSample(project.db, {
          question: params.defaultQuestion,
          images: [image]
        })
        if (result.duplicate) stats.duplicates++
        else stats.samples++
      }
    } catch (error) {
      failRow(name, error)
    }
    report.advance()
  }
  stats.images = imageIds.size
  return stats
}
