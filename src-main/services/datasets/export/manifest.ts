import { z } from 'zod'

import { ExportFormat } from '../../../../src-shared/contract/exports'
import type { ExportOptions } from '../../../../src-shared/contract/exports'
import type { SplitName } from '../../../../src-shared/domain/export-split'
import { STUDIO_VERSION } from '../../../platform/version'
import { MEDIA_TOKEN_POLICY } from '../formats/text-policy'
import type { TextCounts } from './export-plan'
import type { ExportStats } from './export-stats'
import type { WrittenFile } from './image-sink'

export const MANIFEST_FILE = 'manifest.json'
export const CARD_FILE = 'README.md'

/** At most this many skipped items are listed by name; the count is always exact. */
const SKIPPED_LISTED = 1000

const Counts = z.record(z.string(), z.number().int())
const FileEntry = z.object({ path: z.string(), sha256: z.string(), bytes: z.number().int() })
const Warning = z.object({
  kind: z.string(),
  /** How many records (texts) or distinct images (conversions) it concerns. */
  records: z.number().int().optional(),
  images: z.number().int().optional(),
  action: z.string()
})
export type ManifestWarning = z.infer<typeof Warning>

/** The text policy every format applies (see formats/text-policy.ts); import reads it back. */
export const TEXT_POLICY = {
  mediaTokens: 'word-joiner',
  description: MEDIA_TOKEN_POLICY
} as const

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
  images: z.object({
    mode: z.string(),
    distinct: z.number().int(),
    /** Images the training stacks cannot read, converted: stored format → count, and to what. */
    converted: z.object({ to: z.string(), from: z.record(z.string(), z.number().int()) }).optional()
  }),
  /** Absent in exports made before the text policy: their texts went out as stored. */
  textPolicy: z.object({ mediaTokens: z.string(), description: z.string() }).optional(),
  warnings: z.array(Warning).default([]),
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
  converted: Record<string, number>
  text: TextCounts
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
    images: {
      mode: options.images.mode,
      distinct: args.distinctImages,
      ...(Object.keys(args.converted).length > 0
        ? { converted: { to: 'png', from: args.converted } }
        : {})
    },
    textPolicy: { ...TEXT_POLICY },
    warnings: manifestWarnings(args.text, args.converted),
    files: [...args.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }
}

/** Every record the text policy changed or flags, and every converted image, with the action. */
function manifestWarnings(text: TextCounts, converted: Record<string, number>): ManifestWarning[] {
  const warnings: ManifestWarning[] = []
  if (text.mediaTokens > 0) {
    warnings.push({ kind: 'media-tokens', records: text.mediaTokens, action: MEDIA_TOKEN_POLICY })
  }
  if (text.loneSurrogates > 0) {
    warnings.push({
      kind: 'lone-surrogates',
      records: text.loneSurrogates,
      action: 'unpaired UTF-16 surrogates cannot be written as UTF-8; each became U+FFFD'
    })
  }
  if (text.replacementChars > 0) {
    warnings.push({
      kind: 'replacement-characters',
      records: text.replacementChars,
      action:
        'texts hold U+FFFD (often text lost when it was decoded before it reached the project); written as stored'
    })
  }
  if (text.controls > 0) {
    warnings.push({
      kind: 'control-characters',
      records: text.controls,
      action:
        'texts hold NUL or other control characters (not tab, line feed, carriage return); written as stored (JSON escapes them as \\u00XX)'
    })
  }
  const images = Object.entries(converted)
  if (images.length > 0) {
    warnings.push({
      kind: 'converted-images',
      images: images.reduce((sum, [, n]) => sum + n, 0),
      action: `images in formats Pillow cannot read went out as PNG: ${images.map(([format, n]) => `${n} ${format}`).join(', ')}`
    })
  }
  return warnings
}
