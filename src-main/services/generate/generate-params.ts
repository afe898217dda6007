import type { GenerateParams } from '../../../src-shared/contract/generate'
import { parseRecipe, recipeKey } from '../../../src-shared/domain/recipes'

/** The canonical keys of the job's recipes, deduplicated, in the given order. */
export function recipeKeys(params: Pick<GenerateParams, 'recipes'>): string[] {
  return [...new Set(params.recipes.map((text) => recipeKey(parseRecipe(text))))]
}
