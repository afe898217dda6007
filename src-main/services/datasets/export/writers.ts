import type { ExportFormat } from '../../../../src-shared/contract/exports'
import { createLlamaFactoryWriter } from '../formats/llamafactory/writer'
import { createRlaifVWriter } from '../formats/rlaif-v/writer'
import { createTrlParquetWriter } from '../formats/trl-parquet/writer'
import { createTrlWriter } from '../formats/trl/writer'
import type { FormatWriter, WriterContext } from './format-writer'

/** The writer of each export format. */
export const WRITERS: Record<ExportFormat, (ctx: WriterContext) => FormatWriter> = {
  trl: createTrlWriter,
  'trl-parquet': createTrlParquetWriter,
  llamafactory: createLlamaFactoryWriter,
  'rlaif-v': createRlaifVWriter
}

/** Formats whose images are files beside the data (the rest embed them in Parquet). */
export const IMAGE_FILE_FORMATS: ReadonlySet<ExportFormat> = new Set<ExportFormat>([
  'trl',
  'llamafactory'
])
