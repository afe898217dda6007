import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import type { ProjectHandle } from '../project/project-folder'
import { exportImageName } from './image-sink'
import { decodePair, encodePair } from './pair-codec'
import type { ExportImage, ExportPair } from './pair-source'
import { exportSequence } from './export-sequence'
import { toLlamaFactoryRow, toRlaifVRow, toTrlRow } from './row-builders'
import { exportRecords, planExport } from './run-export'

/**
 * The first `limit` rows an export with these options would write, built by the same row
 * builders, with images as the names the export gives them (no bytes: image data never travels
 * over RPC). `matched` counts the records the export would hold.
 */
export async function previewExport(
  project: ProjectHandle,
  options: ExportOptions,
  limit: number
): Promise<{ matched: number; rows: unknown[] }> {
  // Records wait as their fields in a temporary file (bounded memory) until the order
  // is known; only the first `limit` are read back.
  const records = exportRecords(join(tmpdir(), `delta-studio-preview-${randomUUID()}.spill`))
  try {
    const plan = await planExport(project, options, records, encodePair)
    const rows: unknown[] = []
    for (const index of exportSequence(records, plan, options)) {
      if (rows.length >= limit) break
      rows.push(previewRow(decodePair(records.text(index))))
    }
    return { matched: records.count, rows }
  } finally {
    records.dispose()
  }

  function previewRow(pair: ExportPair): unknown {
    const nameOf = (image: ExportImage): string => exportImageName(image, options.images)
    const paths = pair.images.map((image) => `images/${nameOf(image)}`)
    switch (options.format) {
      case 'trl':
        return toTrlRow(pair, paths)
      case 'trl-parquet':
        return toTrlRow(
          pair,
          pair.images.map((image) => ({ bytes: null, path: nameOf(image) }))
        )
      case 'llamafactory':
        return toLlamaFactoryRow(pair, paths)
      case 'rlaif-v': {
        const name = nameOf(pair.images[0] as ExportImage)
        return toRlaifVRow(pair, { bytes: null, path: name }, name, options.name, project.name)
      }
    }
  }
}
