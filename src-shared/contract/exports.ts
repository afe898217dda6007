import { z } from 'zod'

import { PairFilter, Tier } from '../domain/pair-filter'
import { method } from './define'

export const EXPORT_FORMATS = ['trl', 'trl-parquet', 'llamafactory', 'rlaif-v'] as const
export const ExportFormat = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof ExportFormat>

export const ExportOptionsInput = z
  .object({
    format: ExportFormat,
    /** The pair filter of the UI (same model as pairs.list); combined with `status`. */
    filter: PairFilter.default({}),
    /**
     * `accepted` (default) exports accepted pairs only (and within the filter's statuses, if it
     * names any); `all` leaves status to the filter.
     */
    status: z.enum(['accepted', 'all']).default('accepted'),
    /** Share of source-image groups in train; 1 writes no validation split. */
    split: z.number().gt(0).max(1).default(1),
    seed: z.number().int().min(0).max(0xffffffff).default(42),
    order: z.enum(['mixed', 'curriculum']).default('mixed'),
    /** Drops exact duplicates. Pairs whose chosen and rejected are the same text never go out. */
    dedupe: z.boolean().default(true),
    images: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('copy') }).strict(),
        z
          .object({ mode: z.literal('reencode'), maxSide: z.number().int().min(16).max(16384) })
          .strict()
      ])
      .default({ mode: 'copy' }),
    /** `hq`: the original images (default); `lq`: the pair's degraded variant where one exists. */
    promptImage: z.enum(['hq', 'lq']).default('hq'),
    /** Dataset name used in file names, dataset_info.json and the card. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/)
      .default('delta_studio')
  })
  .strict()
export type ExportOptionsInput = z.input<typeof ExportOptionsInput>
export type ExportOptions = z.output<typeof ExportOptionsInput>

export const ExportDto = z.object({
  id: z.number().int(),
  jobId: z.string().nullable(),
  format: z.string(),
  path: z.string(),
  records: z.number().int(),
  createdAt: z.string()
})
export type ExportDto = z.infer<typeof ExportDto>

/** Parameters of an `export` job: the target folder and the export options. */
export const ExportJobParams = z
  .object({ out: z.string().trim().min(1).max(4096), options: ExportOptionsInput })
  .strict()
export type ExportJobParams = z.output<typeof ExportJobParams>

/** Parameters of a `dataset-import` job: a preference dataset read back into pairs. */
export const DatasetImportParams = z
  .object({
    source: z.string().trim().min(1).max(4096),
    format: ExportFormat.optional(),
    status: z.enum(['pending', 'accepted']).default('pending')
  })
  .strict()
export type DatasetImportParams = z.output<typeof DatasetImportParams>

/** One row of a preference dataset as its import would read it; `error` says why it is refused. */
export const DatasetPreviewRow = z.object({
  /** File (relative to the dataset) and 1-based row, as the import's job errors name it. */
  where: z.string(),
  /** Image paths as the row writes them, or `embedded` (with its name) for bytes in the row. */
  images: z.array(z.string()),
  /** Texts as they would be stored (clipped for display); null when the row breaks its format. */
  question: z.string().nullable(),
  chosen: z.string().nullable(),
  rejected: z.string().nullable(),
  tier: Tier.nullable(),
  error: z.string().nullable()
})
export type DatasetPreviewRow = z.infer<typeof DatasetPreviewRow>

export const DatasetPreviewDto = z.object({
  /** The format the import will use (detected unless forced). */
  format: ExportFormat,
  /** A Delta Studio export (read through its manifest and text policy). */
  ownExport: z.boolean(),
  /** The data files the import will read, relative to the dataset folder, with their split. */
  files: z.array(z.object({ split: z.string(), path: z.string() })),
  /** The first rows, in file order, each checked as the import would check it. */
  preview: z.array(DatasetPreviewRow)
})
export type DatasetPreviewDto = z.infer<typeof DatasetPreviewDto>

export const exportsMethods = {
  'exports.start': method({
    summary:
      'Starts an `export` job into a new folder `out`; returns its job id at once (progress, cancel: jobs.*). The folder appears only when the export completed and passed its self-check.',
    input: ExportJobParams,
    output: z.object({ jobId: z.string() })
  }),
  'exports.import': method({
    summary:
      'Starts a `dataset-import` job reading a preference dataset (trl, trl-parquet, llamafactory, rlaif-v; detected unless given) into pairs with origin `import`; bad rows become job errors naming file, row and reason.',
    input: DatasetImportParams,
    output: z.object({ jobId: z.string() })
  }),
  'exports.importPreview': method({
    summary:
      'Reads the first rows of a preference dataset without writing anything: the detected format, its data files and each row checked as `exports.import` would (format rules, images inside the dataset folder); BAD_INPUT naming the file when the dataset cannot be read at all.',
    input: z
      .object({
        source: DatasetImportParams.shape.source,
        format: ExportFormat.optional(),
        limit: z.number().int().min(1).max(50).default(5)
      })
      .strict(),
    output: DatasetPreviewDto
  }),
  'exports.list': method({
    summary: 'Completed exports of the open project, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(ExportDto)
  }),
  'exports.preview': method({
    summary:
      'The first rows an export would write, in the format chosen (image paths as they would be written), and how many pairs match.',
    input: z
      .object({ options: ExportOptionsInput, limit: z.number().int().min(1).max(20).default(3) })
      .strict(),
    output: z.object({ matched: z.number().int(), rows: z.array(z.unknown()) })
  })
} as const
