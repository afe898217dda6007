import { z } from 'zod'

import { method } from './define'

const Count = z.number().int().nonnegative()

const Rate = z.number().min(0).max(1)

/** Figures of one hardness tier (S2H). */
const TierDetail = z.object({
  samples: Count,
  /** Composed samples (compose job) among them. */
  composed_samples: Count,
  pairs: Count,
  /**
   * Share of harder prompts whose answer differs from the reference answer: LQ against HQ for
   * plain samples, the composed (hard) prompt against the guided form for composed ones.
   */
  flip_rate: z.object({ compared: Count, flipped: Count, rate: Rate }).nullable(),
  /** Of the answers to each sample's own prompt (HQ, or the hard form), against ground truth. */
  accuracy: z.object({ graded: Count, correct: Count, accuracy: Rate }).nullable()
})

/** Per-tier and per-layout figures, kept beside the older keys (additive). */
export const TierStatsDto = z.object({
  by_tier_detail: z.object({ '1': TierDetail, '2': TierDetail, '3': TierDetail }),
  /** Composed samples and their pairs per layout. */
  by_layout: z.object({
    sequence: z.object({ samples: Count, pairs: Count }),
    grid: z.object({ samples: Count, pairs: Count }),
    pip: z.object({ samples: Count, pairs: Count })
  })
})
export type TierStatsDto = z.infer<typeof TierStatsDto>

/**
 * Dataset statistics of a project. Keys are snake_case because the same object is the stable
 * output of `delta-studio stats --json`, which scripts read.
 */
export const ProjectStatsDto = z.object({
  samples: Count,
  images: Count,
  runs: Count,
  responses: Count,
  pairs: Count,
  by_status: z.object({ pending: Count, accepted: Count, rejected: Count }),
  by_tier: z.object({ '1': Count, '2': Count, '3': Count }),
  /** Per recipe key: samples answered on both HQ and that variant, and the share that changed. */
  flip_rate_by_recipe: z.record(
    z.string(),
    z.object({ samples: Count, flipped: Count, rate: z.number().min(0).max(1) })
  ),
  /** Over pairs; token figures over the pairs with token counts on both sides. */
  length_delta: z.object({
    pairs: Count,
    mean_tokens: z.number().nullable(),
    median_tokens: z.number().nullable(),
    mean_words: z.number().nullable(),
    mean_chars: z.number().nullable(),
    /** Share of pairs whose rejected answer has more tokens (words when tokens are unknown). */
    share_rejected_longer: z.number().min(0).max(1).nullable()
  }),
  /** Per variant (`hq` or a recipe key), over responses to samples with ground truth. */
  accuracy_by_variant: z.record(
    z.string(),
    z.object({ graded: Count, correct: Count, accuracy: z.number().min(0).max(1) })
  ),
  ...TierStatsDto.shape
})
export type ProjectStatsDto = z.infer<typeof ProjectStatsDto>

export const statsMethods = {
  'stats.get': method({
    summary: 'Counts, flip rates, length deltas and accuracy of the open project.',
    input: z.object({}).strict(),
    output: ProjectStatsDto
  })
} as const
