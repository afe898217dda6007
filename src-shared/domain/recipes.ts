/**
 * Perturbation recipes of the visual-deltas method (DESIGN §1): typed, serializable steps, a
 * text form for people and the CLI (`downsample:4`, `jpeg:20`, `blur:2+jpeg:40`) and a
 * canonical key that names a variant uniquely (two spellings of one recipe share one key).
 * Pure TypeScript: the engine that applies recipes lives in src-main/services/perturb.
 */

export const RESAMPLE_KERNELS = [
  'nearest',
  'linear',
  'cubic',
  'mitchell',
  'lanczos2',
  'lanczos3'
] as const
export type ResampleKernel = (typeof RESAMPLE_KERNELS)[number]

export const STEP_TYPES = ['downsample', 'blur', 'jpeg', 'noise', 'pixelate'] as const
export type StepType = (typeof STEP_TYPES)[number]

export type DownsampleStep = {
  readonly type: 'downsample'
  /** Linear shrink factor, 2–16 (at most 3 decimals). */
  readonly factor: number
  readonly kernel: ResampleKernel
  /** true: scale back up to the original size; false: keep the small image. */
  readonly restore: boolean
}
/** Gaussian blur; sigma in pixels of the image it applies to, 0.3–50. */
export type BlurStep = { readonly type: 'blur'; readonly sigma: number }
/** JPEG round trip at a quality of 1–100 (integer). */
export type JpegStep = { readonly type: 'jpeg'; readonly quality: number }
/** Additive Gaussian noise per RGB channel; sigma on the 0–255 scale (0.5–128), seeded. */
export type NoiseStep = { readonly type: 'noise'; readonly sigma: number; readonly seed: number }
/** Mosaic of square blocks, block edge 2–64 px (integer). */
export type PixelateStep = { readonly type: 'pixelate'; readonly block: number }

export type PerturbStep = DownsampleStep | BlurStep | JpegStep | NoiseStep | PixelateStep

/** Steps applied in order; an empty chain is the identity (the normalized source, key `none`). */
export type Recipe = { readonly steps: readonly PerturbStep[] }

export const PRESET_LEVELS = ['mild', 'medium', 'severe'] as const
export type PresetLevel = (typeof PRESET_LEVELS)[number]

/** The main parameter of each step type per graded level (factor, sigma, quality, sigma, block). */
export const PRESETS: Readonly<Record<StepType, Readonly<Record<PresetLevel, number>>>> = {
  downsample: { mild: 2, medium: 4, severe: 8 },
  blur: { mild: 1, medium: 2.5, severe: 5 },
  jpeg: { mild: 50, medium: 20, severe: 8 },
  noise: { mild: 10, medium: 25, severe: 50 },
  pixelate: { mild: 4, medium: 8, severe: 16 }
}

export const IDENTITY_KEY = 'none'
const DEFAULT_KERNEL: ResampleKernel = 'lanczos3'

type Range = { min: number; max: number; integer: boolean; label: string }
const RANGES: Readonly<Record<StepType, Range>> = {
  downsample: { min: 2, max: 16, integer: false, label: 'factor' },
  blur: { min: 0.3, max: 50, integer: false, label: 'sigma' },
  jpeg: { min: 1, max: 100, integer: true, label: 'quality' },
  noise: { min: 0.5, max: 128, integer: false, label: 'sigma' },
  pixelate: { min: 2, max: 64, integer: true, label: 'block' }
}

/** Thrown for a recipe that does not parse or is out of range; the message names the culprit. */
export class RecipeError extends Error {
  override readonly name = 'RecipeError'
}

function checkNumber(type: StepType, value: number): number {
  const range = RANGES[type]
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new RecipeError(`${type} ${range.label} must be ${range.min}–${range.max}, got ${value}`)
  }
  if (range.integer && !Number.isInteger(value)) {
    throw new RecipeError(`${type} ${range.label} must be an integer, got ${value}`)
  }
  // Keys are built from numbers; capping precision keeps one spelling per value.
  if (Number(value.toFixed(3)) !== value) {
    throw new RecipeError(`${type} ${range.label} takes at most 3 decimals, got ${value}`)
  }
  return value
}

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RecipeError(`noise seed must be an integer 0–4294967295, got ${seed}`)
  }
  return seed
}

/**
 * Validates a step (for example one decoded from JSON) and returns it with only known fields.
 * @throws RecipeError naming the step type and the parameter that is out of range.
 */
export function validateStep(step: PerturbStep): PerturbStep {
  switch (step.type) {
    case 'downsample':
      if (!RESAMPLE_KERNELS.includes(step.kernel)) {
        throw new RecipeError(`unknown resampling kernel "${String(step.kernel)}"`)
      }
      return {
        type: 'downsample',
        factor: checkNumber('downsample', step.factor),
        kernel: step.kernel,
        restore: step.restore !== false
      }
    case 'blur':
      return { type: 'blur', sigma: checkNumber('blur', step.sigma) }
    case 'jpeg':
      return { type: 'jpeg', quality: checkNumber('jpeg', step.quality) }
    case 'noise':
      return { type: 'noise', sigma: checkNumber('noise', step.sigma), seed: checkSeed(step.seed) }
    case 'pixelate':
      return { type: 'pixelate', block: checkNumber('pixelate', step.block) }
    default:
      throw new RecipeError(`unknown step type "${String((step as { type: unknown }).type)}"`)
  }
}

/** Validates every step of a recipe; @throws RecipeError as validateStep. */
export function validateRecipe(recipe: Recipe): Recipe {
  return { steps: recipe.steps.map(validateStep) }
}

function parseMain(type: StepType, raw: string | undefined): number {
  if (raw === undefined || raw === '') {
    throw new RecipeError(`${type} needs a ${RANGES[type].label} or a level (mild|medium|severe)`)
  }
  if ((PRESET_LEVELS as readonly string[]).includes(raw)) return PRESETS[type][raw as PresetLevel]
  if (!/^\d+(\.\d+)?$/.test(raw)) {
    throw new RecipeError(`"${raw}" is not a ${type} ${RANGES[type].label}`)
  }
  return Number(raw)
}

function parseStep(text: string): PerturbStep {
  const [typeRaw = '', mainRaw, ...options] = text.split(':').map((part) => part.trim())
  const type = typeRaw.toLowerCase()
  if (!(STEP_TYPES as readonly string[]).includes(type)) {
    throw new RecipeError(`unknown step "${typeRaw}" (expected ${STEP_TYPES.join(', ')})`)
  }
  const main = parseMain(type as StepType, mainRaw)
  const rejectOptions = (): void => {
    if (options.length > 0) throw new RecipeError(`${type} takes no option "${options[0]}"`)
  }
  switch (type as StepType) {
    case 'downsample': {
      let kernel = DEFAULT_KERNEL
      let restore = true
      for (const option of options) {
        if ((RESAMPLE_KERNELS as readonly string[]).includes(option)) {
          kernel = option as ResampleKernel
        } else if (option === 'restore' || option === 'small') restore = option === 'restore'
        else {
          throw new RecipeError(
            `downsample option "${option}" is neither a kernel (${RESAMPLE_KERNELS.join(', ')}) nor restore|small`
          )
        }
      }
      return validateStep({ type: 'downsample', factor: main, kernel, restore })
    }
    case 'noise': {
      let seed = 0
      for (const option of options) {
        const match = /^seed=(\d+)$/.exec(option)
        if (!match) throw new RecipeError(`noise option "${option}" is not seed=<n>`)
        seed = Number(match[1])
      }
      return validateStep({ type: 'noise', sigma: main, seed })
    }
    case 'blur':
      rejectOptions()
      return validateStep({ type: 'blur', sigma: main })
    case 'jpeg':
      rejectOptions()
      return validateStep({ type: 'jpeg', quality: main })
    case 'pixelate':
      rejectOptions()
      return validateStep({ type: 'pixelate', block: main })
  }
}

/**
 * Parses the text form: steps joined by `+`, each `type:value[:option…]`; a value may be a
 * level (`blur:mild`). Options: downsample takes a kernel and `restore` (default) or `small`;
 * noise takes `seed=<n>` (default 0). `none` is the identity recipe.
 * @throws RecipeError with a message that names the offending step.
 */
export function parseRecipe(text: string): Recipe {
  const trimmed = text.trim()
  if (trimmed === '') throw new RecipeError('empty recipe')
  if (trimmed.toLowerCase() === IDENTITY_KEY) return { steps: [] }
  return { steps: trimmed.split('+').map((part) => parseStep(part.trim())) }
}

function stepText(step: PerturbStep, explicit: boolean): string {
  switch (step.type) {
    case 'downsample': {
      const parts = [`downsample:${step.factor}`]
      if (explicit || step.kernel !== DEFAULT_KERNEL) parts.push(step.kernel)
      if (explicit || !step.restore) parts.push(step.restore ? 'restore' : 'small')
      return parts.join(':')
    }
    case 'blur':
      return `blur:${step.sigma}`
    case 'jpeg':
      return `jpeg:${step.quality}`
    case 'noise':
      return explicit || step.seed !== 0
        ? `noise:${step.sigma}:seed=${step.seed}`
        : `noise:${step.sigma}`
    case 'pixelate':
      return `pixelate:${step.block}`
  }
}

/** The shortest text form (defaults omitted); parseRecipe(formatRecipe(r)) equals r. */
export function formatRecipe(recipe: Recipe): string {
  if (recipe.steps.length === 0) return IDENTITY_KEY
  return recipe.steps.map((step) => stepText(step, false)).join('+')
}

/**
 * The canonical key: every parameter spelled out, so equal recipes have equal keys whatever
 * text produced them. Stored as `images.recipe_key`; unique per source image.
 */
export function recipeKey(recipe: Recipe): string {
  if (recipe.steps.length === 0) return IDENTITY_KEY
  return recipe.steps.map((step) => stepText(step, true)).join('+')
}

/** The seed a recipe's output depends on (its first noise step), or null when it is noise-free. */
export function recipeSeed(recipe: Recipe): number | null {
  const noise = recipe.steps.find((step): step is NoiseStep => step.type === 'noise')
  return noise ? noise.seed : null
}

/** The recipe of one type at a graded level, with default options. */
export function presetRecipe(type: StepType, level: PresetLevel): Recipe {
  return parseRecipe(`${type}:${level}`)
}

/**
 * Type and strength of a single-step recipe for charts and pair provenance (factor, sigma,
 * quality, sigma or block); a chain reports type `chain` and a null level, the identity `none`.
 */
export function describeRecipe(recipe: Recipe): {
  type: StepType | 'chain' | 'none'
  level: number | null
} {
  const [only, ...rest] = recipe.steps
  if (!only) return { type: 'none', level: null }
  if (rest.length > 0) return { type: 'chain', level: null }
  switch (only.type) {
    case 'downsample':
      return { type: only.type, level: only.factor }
    case 'blur':
    case 'noise':
      return { type: only.type, level: only.sigma }
    case 'jpeg':
      return { type: only.type, level: only.quality }
    case 'pixelate':
      return { type: only.type, level: only.block }
  }
}
