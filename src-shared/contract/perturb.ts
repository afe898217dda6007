import { z } from 'zod'

import { RecipeError, parseRecipe } from '../domain/recipes'

/** Inputs with more pixels than this are refused unless a job raises it (decompression bombs). */
export const DEFAULT_MAX_PIXELS = 100_000_000

/** A degradation recipe in text form (`downsample:4`, `blur:2+jpeg:40`), checked by the parser. */
export const RecipeText = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .superRefine((text, ctx) => {
    try {
      parseRecipe(text)
    } catch (error) {
      if (!(error instanceof RecipeError)) throw error
      ctx.addIssue({ code: 'custom', message: `recipe "${text}": ${error.message}` })
    }
  })

/** Parameters of a `perturb` job. */
export const PerturbParams = z
  .object({
    recipes: z.array(RecipeText).min(1).max(64),
    /** Original images to perturb; all originals of the project when absent. */
    imageIds: z.array(z.number().int().positive()).max(1_000_000).optional(),
    maxPixels: z.number().int().positive().max(2_000_000_000).default(DEFAULT_MAX_PIXELS)
  })
  .strict()
export type PerturbParams = z.output<typeof PerturbParams>
