import {
  PRESETS,
  RecipeError,
  RESAMPLE_KERNELS,
  formatRecipe,
  parseRecipe
} from '../../../src-shared/domain/recipes'
import type { PerturbStep, Recipe, StepType } from '../../../src-shared/domain/recipes'

export { RESAMPLE_KERNELS }

/** The one number each step type is about, with its name for the form. */
export const MAIN_PARAM: Record<
  StepType,
  { label: string; min: number; max: number; step: number }
> = {
  downsample: { label: 'Factor', min: 2, max: 16, step: 1 },
  blur: { label: 'Sigma (px)', min: 0.3, max: 50, step: 0.5 },
  jpeg: { label: 'Quality', min: 1, max: 100, step: 5 },
  noise: { label: 'Sigma (0–255)', min: 0.5, max: 128, step: 5 },
  pixelate: { label: 'Block (px)', min: 2, max: 64, step: 1 }
}

export function mainValue(step: PerturbStep): number {
  switch (step.type) {
    case 'downsample':
      return step.factor
    case 'blur':
    case 'noise':
      return step.sigma
    case 'jpeg':
      return step.quality
    case 'pixelate':
      return step.block
  }
}

export function withMainValue(step: PerturbStep, value: number): PerturbStep {
  switch (step.type) {
    case 'downsample':
      return { ...step, factor: value }
    case 'blur':
    case 'noise':
      return { ...step, sigma: value }
    case 'jpeg':
      return { ...step, quality: value }
    case 'pixelate':
      return { ...step, block: value }
  }
}

/** A step of `type` at its medium preset, with default options. */
export function defaultStep(type: StepType): PerturbStep {
  const [step] = parseRecipe(`${type}:${PRESETS[type].medium}`).steps
  return step!
}

/** Parses recipe text for the builder: the recipe, or the parser's message naming the step. */
export function readRecipe(text: string): { recipe: Recipe | null; error: string | null } {
  try {
    return { recipe: parseRecipe(text), error: null }
  } catch (error) {
    if (error instanceof RecipeError) return { recipe: null, error: error.message }
    throw error
  }
}

/** Text of a chain of steps (the shortest form the parser reads back). */
export function recipeText(steps: readonly PerturbStep[]): string {
  return formatRecipe({ steps })
}
