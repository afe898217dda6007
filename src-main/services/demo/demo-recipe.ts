import { z } from 'zod'

import { RecipeText } from '../../../src-shared/contract/perturb'
import { readResourceJson } from '../../platform/resources'

/** What the built-in demo is made of, read from `resources/demo/recipe.json`. */
export const DemoRecipe = z
  .object({
    name: z.string().min(1),
    /** Generator seed: the same seed renders the same scenes. */
    seed: z.number().int().nonnegative(),
    /** Number of scenes (images with a question and ground truth). */
    count: z.number().int().positive().max(100_000),
    /** Degradations the first-run generation asks for. */
    recipes: z.array(RecipeText).min(1),
    maxTokens: z.number().int().positive().max(8192)
  })
  .strict()
export type DemoRecipe = z.infer<typeof DemoRecipe>

let cached: DemoRecipe | undefined

export function demoRecipe(): DemoRecipe {
  cached ??= readResourceJson('demo/recipe.json', DemoRecipe)
  return cached
}
