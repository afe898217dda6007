import { z } from 'zod'

import { ExportFormat } from '../../../src-shared/contract/exports'
import type { ExportOptions } from '../../../src-shared/contract/exports'
import type { SplitName } from '../../../src-shared/domain/export-split'
import { STUDIO_VERSION } from '../../platform/version'
import type { ExportStats } from './export-stats'
import type { WrittenFile } from './image-sink'

export const MANIFEST_FILE = 'manifest.json'
export const CARD_FILE = 'README.md'

/** At most this many skipped items are listed by name; the count is always exact. */
const SKIPPED_LISTED = 1000

const Counts = z.record(z.string(), z.number().int())
const FileEntry = z.object({ path: z.string(), sha256: z.string(), bytes: z.number().int() })

/** manifest.json of an export; also how import and the self-check read it back. */
export const Manifest = z.object({
  format: ExportFormat,
  name: z.string(),
  studioVersion: z.string(),
  createdAt: z.string(),
  project: z.object({ name: z.string() }),
  options: z.record(z.string(), z.unknown()),
  records: z.number().int(),
  splits: z.record(z.string(), z.object({ records: z.number().int(), file: z.string() })),
  counts: z.object({ byTier: Counts, byStatus: Counts, byOrigin: Counts }),
  skipped: z.object({
    count: z.number().int(),
    items: z.array(z.object({ pairId: z.number().int(), reason: z.string() }))
  }),
  provenance: z.object({
    models: z.array(
      z.object({ model: z.string(), records: z.number().int(), testModel: z.boolean() })
    ),
    recipes: z.array(
      z.object({
        recipeKey: z.string(),
        perturbType: z.string().nullable(),
        records: z.number().int()
      })
    ),
    testModelRecords: z.number().int()
  }),
  images: z.object({ mode: z.string(), distinct: z.number().int() }),
  files: z.array(FileEntry)
})
export type Manifest = z.infer<typeof Manifest>

/** Builds the manifest of a finished export; `files` lists every file but the manifest itself. */
export function buildManifest(args: {
  options: ExportOptions
  projectName: string
  stats: ExportStats
  dataFiles: Partial<Record<SplitName, string>>
  files: WrittenFile[]
  distinctImages: number
}): Manifest {
  const { options, stats } = args
  const splits: Manifest['splits'] = {}
  for (const [split, file] of Object.entries(args.dataFiles)) {
    splits[split] = { records: stats.bySplit[split] ?? 0, file: file as string }
  }
  return {
    format: options.format,
    name: options.name,
    studioVersion: STUDIO_VERSION,
    createdAt: new Date().toISOString(),
    project: { name: args.projectName },
    options: {
      filter: options.filter,
      status: options.status,
      split: options.split,
      seed: options.seed,
      order: options.order,
      dedupe: options.dedupe,
      images: options.images,
      promptImage: options.promptImage
    },
    records: stats.records,
    splits,
    counts: { byTier: stats.byTier, byStatus: stats.byStatus, byOrigin: stats.byOrigin },
    skipped: { count: stats.skipped.length, items: stats.skipped.slice(0, SKIPPED_LISTED) },
    provenance: {
      models: [...stats.models].map(([model, v]) => ({ model, ...v })),
      recipes: [...stats.recipes].map(([recipeKey, v]) => ({ recipeKey, ...v })),
      testModelRecords: stats.testModelRecords
    },
    images: { mode: options.images.mode, distinct: args.distinctImages },
    files: [...args.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }
}
