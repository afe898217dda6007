import { z } from 'zod'

import { parseRecipe } from '../domain/recipes'
import { PAIR_MODES } from '../domain/visual-delta-rules'
import { RecipeText } from './perturb'

/** Graded resolution degradation (the method's core perturbation) when no recipe is given. */
export const DEFAULT_RECIPES = ['downsample:2', 'downsample:4', 'downsample:8']

/** A recipe that makes an LQ variant: the identity recipe is refused. */
const VariantRecipeText = RecipeText.refine(
  (text) => {
    try {
      return parseRecipe(text).steps.length > 0
    } catch {
      return true // RecipeText already reported why it does not parse
    }
  },
  { message: 'the identity recipe makes no LQ variant' }
)

export const EndpointSpec = z
  .object({
    url: z.string().url(),
    apiKey: z.string().optional(),
    /** Requests in flight at most on this endpoint; default: the job's `parallel`. */
    capacity: z.number().int().min(1).max(256).optional()
  })
  .strict()

/**
 * Parameters of a `generate` job. Either a local model (`model` + `mmproj`, served by a sidecar
 * with `parallel` slots) or one or more OpenAI-compatible endpoints.
 */
export const GenerateParams = z
  .object({
    model: z.string().min(1).optional(),
    /** Use the generated tiny test VLM (random weights; its answers are labelled meaningless). */
    testModel: z.boolean().default(false),
    mmproj: z.string().min(1).optional(),
    endpoints: z.array(EndpointSpec).max(32).default([]),
    recipes: z.array(VariantRecipeText).min(1).max(32).default(DEFAULT_RECIPES),
    mode: z.enum(PAIR_MODES).default('label-free'),
    maxTokens: z.number().int().min(1).max(8192).default(64),
    temperature: z.number().min(0).max(2).default(0),
    seed: z.number().int().nonnegative().optional(),
    /** Parallel slots of the local sidecar (`-np`) and requests kept in flight. */
    parallel: z.number().int().min(1).max(64).default(2),
    /** Context per slot of the local sidecar. */
    ctxPerSlot: z.number().int().min(256).max(131072).default(2048),
    gpuLayers: z.union([z.number().int().nonnegative(), z.literal('all')]).optional(),
    /** At most this many samples (lowest ids first). */
    limit: z.number().int().positive().optional(),
    /** Only these samples. */
    sampleIds: z.array(z.number().int().positive()).max(1_000_000).optional(),
    /**
     * Images the model takes in one request at most; composed samples with more are skipped
     * with that limit as their reason (absent: no limit is assumed).
     */
    maxImages: z.number().int().min(1).max(64).optional(),
    /** MIA-DPO post-selection of prompt-driven (composed) pairs; each reports what it removed. */
    postFilters: z
      .object({
        minRejectedPerplexity: z.number().min(1).max(1000).optional(),
        maxLengthRatio: z.number().min(1).max(1000).optional(),
        minEditDistance: z.number().min(0).max(1).optional()
      })
      .strict()
      .default({})
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.model && !p.testModel && p.endpoints.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'give a model (with its mmproj), the test model, or an endpoint'
      })
    }
    if (p.testModel && p.model) {
      ctx.addIssue({ code: 'custom', path: ['model'], message: 'choose a model or the test model' })
    }
    if (p.model && !p.mmproj) {
      ctx.addIssue({
        code: 'custom',
        path: ['mmproj'],
        message: 'a local VLM needs its mmproj projector file'
      })
    }
  })
export type GenerateParams = z.output<typeof GenerateParams>
