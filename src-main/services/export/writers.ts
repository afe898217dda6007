import type { ExportFormat } from '../../../src-shared/contract/exports'
import type { FormatWriter, WriterContext } from './format-writer'
import type { ImagePlacer } from './image-sink'
import { createLlamaFactoryWriter, llamaFactoryLine } from './llamafactory-writer'
import { encodePair } from './pair-codec'
import type { RecordEncoder } from './pair-source'
import { createRlaifVWriter } from './rlaif-v-writer'
import { createTrlParquetWriter } from './trl-parquet-writer'
import { trlJsonLine } from './trl-line'
import { createTrlWriter } from './trl-writer'

/** The writer of each export format. */
export const WRITERS: Record<ExportFormat, (ctx: WriterContext) => FormatWriter> = {
  trl: createTrlWriter,
  'trl-parquet': createTrlParquetWriter,
  llamafactory: createLlamaFactoryWriter,
  'rlaif-v': createRlaifVWriter
}

/**
 * How each format keeps a planned record until it is written. The JSON Lines formats keep the
 * finished line, so writing in export order only moves bytes, and they place the record's
 * images at once (copies start while the plan still reads). The Parquet formats embed image
 * bytes, which are read when the row is written, so they keep the record's fields.
 */
export const ENCODERS: Record<ExportFormat, (images: ImagePlacer) => RecordEncoder> = {
  trl: (images) => (pair, quoted) =>
    trlJsonLine(
      pair,
      pair.images.map((image) => images.place(image)),
      quoted
    ),
  llamafactory: (images) => (pair) =>
    llamaFactoryLine(
      pair,
      pair.images.map((image) => images.place(image))
    ),
  'trl-parquet': () => encodePair,
  'rlaif-v': () => encodePair
}

/**
 * Formats the export's SQLite extension can plan natively (`planNatively`: TRL lines, built by
 * native/export-plan.c byte for byte as `trlJsonLine` builds them). Other formats always take
 * the JavaScript path.
 */
export const NATIVE_PLAN_FORMATS: ReadonlySet<ExportFormat> = new Set<ExportFormat>(['trl'])
