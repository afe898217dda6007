import { z } from 'zod'

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
