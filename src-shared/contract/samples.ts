import { z } from 'zod'

import { Tier } from '../domain/pair-filter'
import { method } from './define'
import { ImageDto, TierSource } from './pairs'

export const SampleDto = z.object({
  id: z.number().int(),
  externalId: z.string().nullable(),
  question: z.string(),
  groundTruth: z.string().nullable(),
  tier: Tier,
  tierSource: TierSource,
  /** The sample's original images, in order. */
  images: z.array(ImageDto),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  responseCount: z.number().int(),
  pairCount: z.number().int(),
  createdAt: z.string()
})
export type SampleDto = z.infer<typeof SampleDto>

export const SampleFilter = z
  .object({
    tiers: z.array(Tier).max(3).optional(),
    /** Full text over the question and ground truth (words ANDed, prefix match). */
    text: z.string().max(500).optional(),
    /** true: only samples with at least one pair; false: only samples with none. */
    hasPairs: z.boolean().optional()
  })
  .strict()
export type SampleFilter = z.infer<typeof SampleFilter>

export const samplesMethods = {
  'samples.list': method({
    summary: 'One page of samples by ascending id; pass `nextCursor` back for the next page.',
    input: z
      .object({
        filter: SampleFilter.default({}),
        cursor: z.number().int().nonnegative().nullable().optional(),
        limit: z.number().int().min(1).max(500).default(50)
      })
      .strict(),
    output: z.object({
      rows: z.array(SampleDto),
      nextCursor: z.number().int().nullable(),
      total: z.number().int()
    })
  }),
  'samples.get': method({
    summary: 'One sample by id; NOT_FOUND when it does not exist.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: SampleDto
  })
} as const
