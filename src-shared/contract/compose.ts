import { z } from 'zod'

import { COMPOSE_LAYOUTS, ComposeLayout, Tier } from '../domain/pair-filter'
import { method } from './define'
import { ImageDto } from './image'

/**
 * MIA-DPO's three ways of showing several images: a `sequence` of image parts, a `grid` collage
 * rendered into one image with a numbered cell per image, and picture-in-picture (`pip`: the
 * target scaled into the centre of a distractor).
 */
export { COMPOSE_LAYOUTS, ComposeLayout }

/** Source roles: what each image of a composition is there for. */
export const SOURCE_ROLES = ['target', 'operand', 'distractor', 'background'] as const
export type SourceRole = (typeof SOURCE_ROLES)[number]

/** A grid holds 2 to 9 cells (MIA-DPO: 2 or 3 in a row, 2×2, 2×3, 3×3). */
export const MAX_COMPOSED_IMAGES = 9

/** Parameters of a `compose` job (S2H simple-to-hard composition). */
export const ComposeParams = z
  .object({
    tiers: z.array(Tier).min(1).max(3).default([1, 2, 3]),
    layouts: z.array(ComposeLayout).min(1).max(3).default(['sequence', 'grid', 'pip']),
    /** Images per composed sample, inclusive (picture-in-picture always shows 2). */
    minImages: z.number().int().min(2).max(MAX_COMPOSED_IMAGES).default(2),
    maxImages: z.number().int().min(2).max(MAX_COMPOSED_IMAGES).default(5),
    /** Composed samples to make per tier. */
    count: z.number().int().min(1).max(100_000).default(12),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Side of a grid cell in pixels (MIA-DPO: 448). */
    cellSize: z.number().int().min(64).max(1024).default(448)
  })
  .strict()
  .refine((p) => p.minImages <= p.maxImages, {
    message: 'the least images per sample must not exceed the most',
    path: ['minImages']
  })
export type ComposeParams = z.output<typeof ComposeParams>
export type ComposeParamsInput = z.input<typeof ComposeParams>

export const CompositionSourceDto = z.object({
  /** 0-based; the prompt calls it Image position+1. */
  position: z.number().int(),
  sampleId: z.number().int(),
  role: z.enum(SOURCE_ROLES),
  image: ImageDto.nullable()
})
export type CompositionSourceDto = z.infer<typeof CompositionSourceDto>

/** A composed sample's provenance, as the review page and the Compose preview show it. */
export const CompositionDto = z.object({
  sampleId: z.number().int(),
  tier: Tier,
  layout: ComposeLayout,
  template: z.string(),
  seed: z.number().int(),
  imageCount: z.number().int(),
  question: z.string(),
  groundTruth: z.string().nullable(),
  /** The guided form's question (target or operands alone); null when the template has none. */
  guidedQuestion: z.string().nullable(),
  /** The composed sample's own images, as the model receives them. */
  images: z.array(ImageDto),
  sources: z.array(CompositionSourceDto),
  jobId: z.string().nullable(),
  createdAt: z.string()
})
export type CompositionDto = z.infer<typeof CompositionDto>

export const composeMethods = {
  'compose.list': method({
    summary: 'The latest composed samples with their sources (newest first), for the preview.',
    input: z
      .object({
        tiers: z.array(Tier).max(3).optional(),
        layouts: z.array(ComposeLayout).max(3).optional(),
        limit: z.number().int().min(1).max(200).default(24)
      })
      .strict(),
    output: z.object({ rows: z.array(CompositionDto), total: z.number().int() })
  })
} as const
