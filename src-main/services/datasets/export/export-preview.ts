import type { ExportOptions } from '../../../../src-shared/contract/exports'
import { openExportReader, readExportTexts } from '../../../store/export-pairs'
import type { ProjectHandle } from '../../project/project-folder'
import { toLlamaFactoryRow } from '../formats/llamafactory/row'
import type { RowPair } from '../formats/pair'
import { toRlaifVRow } from '../formats/rlaif-v/row'
import { toTrlRow } from '../formats/trl/row'
import { planExport } from './export-plan'
import { exportImageName } from './image-sink'

/**
 * The first `limit` rows an export with these options would write, built by the same plan and
 * row builders, with images as the names the export gives them (no bytes: image data never
 * travels over RPC). `matched` counts the records the export would hold.
 */
export async function previewExport(
  project: ProjectHandle,
  options: ExportOptions,
  limit: number
): Promise<{ matched: number; rows: unknown[] }> {
  const reader = openExportReader(project.db)
  try {
    const plan = await planExport(reader, options)
    const first = plan.order
      .slice(0, limit)
      .map((index) => plan.records[index] as (typeof plan.records)[number])
    const texts = new Map(
      readExportTexts(
        reader,
        first.map((r) => r.pairId)
      ).map((row) => [row[0], row])
    )
    const rows = first.map((record) => {
      const row = texts.get(record.pairId) as [number, string, string, string]
      return previewRow({ ...record, question: row[1], chosen: row[2], rejected: row[3] })
    })
    return { matched: plan.records.length, rows }
  } finally {
    reader.close()
  }

  function previewRow(pair: RowPair): unknown {
    const names = pair.images.map((image) => exportImageName(image, options.images))
    const paths = names.map((name) => `images/${name}`)
    switch (options.format) {
      case 'trl':
        return toTrlRow(pair, paths)
      case 'trl-parquet':
        return toTrlRow(
          pair,
          names.map((name) => ({ bytes: null, path: name }))
        )
      case 'llamafactory':
        return toLlamaFactoryRow(pair, paths)
      case 'rlaif-v': {
        const name = names[0] as string
        const dsNames = { dataset: options.name, project: project.name }
        return toRlaifVRow(pair, { bytes: null, path: name }, name, dsNames)
      }
    }
  }
}
