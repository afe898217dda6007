import { z } from 'zod'

import { PAIR_MODES } from '../../../src-shared/domain/visual-delta-rules'
import { parseRecipe, recipeKey } from '../../../src-shared/domain/recipes'

/** Graded resolution degradation (the method's core perturbation) when no recipe is given. */
export const DEFAULT_RECIPES = ['downsample:2', 'downsample:4', 'downsample:8']

const RecipeText = z.string().superRefine((text, ctx) => {
  try {
    if (parseRecipe(text).steps.length === 0)
      ctx.addIssue({ code: 'custom', message: 'the identity recipe makes no LQ variant' })
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message })
  }
})

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
    recipes: z.array(RecipeText).min(1).max(32).default(DEFAULT_RECIPES),
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
    sampleIds: z.array(z.number().int().positive()).max(1_000_000).optional()
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

/** The canonical keys of the job's recipes, deduplicated, in the given order. */
export function recipeKeys(params: Pick<GenerateParams, 'recipes'>): string[] {
  return [...new Set(params.recipes.map((text) => recipeKey(parseRecipe(text))))]
}
