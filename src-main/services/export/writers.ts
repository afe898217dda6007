import type { ExportFormat } from '../../../src-shared/contract/exports'
import type { FormatWriter, WriterContext } from './format-writer'
import { createLlamaFactoryWriter } from './llamafactory-writer'
import { createRlaifVWriter } from './rlaif-v-writer'
import { createTrlParquetWriter } from './trl-parquet-writer'
import { createTrlWriter } from './trl-writer'

/** The writer of each export format. */
export const WRITERS: Record<ExportFormat, (ctx: WriterContext) => FormatWriter> = {
  trl: createTrlWriter,
  'trl-parquet': createTrlParquetWriter,
  llamafactory: createLlamaFactoryWriter,
  'rlaif-v': createRlaifVWriter
}
