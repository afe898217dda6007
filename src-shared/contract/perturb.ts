import { z } from 'zod'

import { RecipeError, parseRecipe } from '../domain/recipes'
import { method } from './define'

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

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex')

/** A recipe rendered on one image in memory, measured as the perturb job measures it. */
export const PerturbPreviewDto = z.object({
  recipeKey: z.string(),
  /** The recipe as the job will store it, in its shortest text form. */
  recipe: z.string(),
  source: z.object({ sha256: z.string(), width: z.number().int(), height: z.number().int() }),
  variant: z.object({
    /** The rendered bytes as a data: URI (scaled down, nearest neighbour, past 1024 px). */
    dataUri: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    format: z.enum(['png', 'jpeg']),
    bytes: z.number().int()
  }),
  psnr: z.number(),
  ssim: z.number(),
  ms: z.number()
})
export type PerturbPreviewDto = z.infer<typeof PerturbPreviewDto>

export const perturbMethods = {
  'perturb.preview': method({
    summary:
      'Renders one recipe on one original image of the project in memory (nothing is stored) and returns the variant with its PSNR and SSIM against the source; BAD_INPUT names a recipe the parser refuses.',
    input: z.object({ recipe: RecipeText, sha256: Sha256 }).strict(),
    output: PerturbPreviewDto
  })
} as const
