import { z } from 'zod'

import { method } from './define'

/** Source layouts the sample importer reads; `auto` detects from the path. */
export const IMPORT_FORMATS = ['auto', 'folder', 'vqa-jsonl', 'csv'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** Parameters of an `import` job (a folder of images or a VQA-style JSONL/CSV). */
export const ImportJobParams = z
  .object({
    source: z.string().min(1).max(4096),
    format: z.enum(IMPORT_FORMATS).default('auto'),
    defaultQuestion: z.string().min(1).max(20_000).optional()
  })
  .strict()
export type ImportJobParams = z.output<typeof ImportJobParams>

/** One row of a source as the import would read it; `error` says why it would be refused. */
export const ImportPreviewRow = z.object({
  where: z.string(),
  images: z.array(z.string()),
  question: z.string().nullable(),
  answer: z.string().nullable(),
  error: z.string().nullable()
})
export type ImportPreviewRow = z.infer<typeof ImportPreviewRow>

export const ImportPreviewDto = z.object({
  /** The format the import will use (detected when `auto`). */
  format: z.enum(['folder', 'vqa-jsonl', 'csv']),
  /** The questions file a folder holds (`questions.jsonl` / `questions.csv`), or null. */
  questionsFile: z.string().nullable(),
  /** Question rows, parseable or not. */
  rows: z.number().int(),
  /** Images of a folder that no row names (imported as images, or asked the default question). */
  looseImages: z.number().int(),
  /** The first rows, each checked as the import would check it (images must exist inside). */
  preview: z.array(ImportPreviewRow),
  /** Lines that do not parse, first ones only, with the reason. */
  parseErrors: z.array(z.object({ where: z.string(), reason: z.string() })),
  parseErrorCount: z.number().int(),
  /** Set when the rows look like a preference dataset (chosen/rejected), which imports as pairs. */
  hint: z.string().nullable()
})
export type ImportPreviewDto = z.infer<typeof ImportPreviewDto>

export const ingestMethods = {
  'ingest.preview': method({
    summary:
      'Reads an import source without writing anything: the detected format, row counts, the first rows as the import would take them, and parse errors; BAD_INPUT when the source cannot be imported at all (missing, a folder with no images, an unknown file type).',
    input: z
      .object({
        source: ImportJobParams.shape.source,
        format: ImportJobParams.shape.format,
        limit: z.number().int().min(1).max(50).default(5)
      })
      .strict(),
    output: ImportPreviewDto
  })
} as const
