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

/**
 * Formats whose records point at image files under `images/` (the others embed the bytes), so
 * their images can be copied as soon as a record is planned.
 */
export const WRITES_IMAGE_FILES: Record<ExportFormat, boolean> = {
  trl: true,
  'trl-parquet': false,
  llamafactory: true,
  'rlaif-v': false
}
