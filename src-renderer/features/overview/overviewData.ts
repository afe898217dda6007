import type { ProjectStatsDto } from '../../../src-shared/contract/stats'
import { COMPOSE_LAYOUTS } from '../../../src-shared/domain/pair-filter'
import type { PairFilter } from '../../../src-shared/domain/pair-filter'
import { pairFilterToSearchParams } from '../../../src-shared/domain/pair-filter-url'
import { describeRecipe, formatRecipe, parseRecipe } from '../../../src-shared/domain/recipes'

/** One bar of an Overview chart and the Pairs filter that shows the pairs behind it. */
export type ChartDatum = { readonly label: string; readonly filter: PairFilter | null } & Record<
  string,
  number | string | PairFilter | null
>

/** The Pairs page URL (hash route) for a filter. */
export function pairsPath(filter: PairFilter): string {
  const query = new URLSearchParams(pairFilterToSearchParams(filter)).toString()
  return query ? `/pairs?${query}` : '/pairs'
}

const percent = (share: number) => Math.round(share * 1000) / 10
const TIER_KEYS = ['1', '2', '3'] as const

/** A recipe key in its shortest text form (`downsample:4`), for axis labels. */
export function shortRecipe(key: string): string {
  try {
    return formatRecipe(parseRecipe(key))
  } catch {
    return key
  }
}

/** The pairs made from one recipe key: its perturbation type, and its level when it has one. */
export function recipeFilter(key: string): PairFilter | null {
  try {
    const { type, level } = describeRecipe(parseRecipe(key))
    if (type === 'none') return null
    return level === null
      ? { perturbTypes: [type] }
      : { perturbTypes: [type], perturbLevel: { min: level, max: level } }
  } catch {
    return null
  }
}

export function lengthDeltaBars(stats: ProjectStatsDto, unit: 'tokens' | 'chars'): ChartDatum[] {
  return stats.length_delta_histogram[unit].map((bin) => ({
    label: bin.min === bin.max ? String(bin.min) : `${bin.min}…${bin.max}`,
    pairs: bin.count,
    filter:
      unit === 'tokens'
        ? { deltaTokens: { min: bin.min, max: bin.max } }
        : { deltaChars: { min: bin.min, max: bin.max } }
  }))
}

export function flipRateByRecipeBars(stats: ProjectStatsDto): ChartDatum[] {
  return Object.entries(stats.flip_rate_by_recipe)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, flip]) => ({
      label: shortRecipe(key),
      'flip rate %': percent(flip.rate),
      samples: flip.samples,
      filter: recipeFilter(key)
    }))
}

export function flipRateByLevelBars(stats: ProjectStatsDto): ChartDatum[] {
  return stats.flip_rate_by_level.map((level) => ({
    label: `${level.type} ${level.level}`,
    'flip rate %': percent(level.rate),
    samples: level.samples,
    filter: { perturbTypes: [level.type], perturbLevel: { min: level.level, max: level.level } }
  }))
}

/**
 * The answers of a composed sample: its guided form (the chosen side of a prompt-complexity
 * pair) and its composed prompt (the rejected side). Each links to those pairs with that side
 * graded, as HQ links to every pair whose chosen answer was graded.
 */
const COMPOSED_VARIANTS: Record<string, { label: string; filter: PairFilter }> = {
  guided: {
    label: 'guided form',
    filter: { origins: ['prompt-complexity'], chosenCorrect: ['correct', 'wrong'] }
  },
  hard: {
    label: 'composed prompt',
    filter: { origins: ['prompt-complexity'], rejectedCorrect: ['correct', 'wrong'] }
  }
}

/** HQ first, then each LQ variant, then the composed samples' guided and hard answers. */
export function accuracyBars(stats: ProjectStatsDto): ChartDatum[] {
  const rank = (key: string) => (key === 'hq' ? 0 : key in COMPOSED_VARIANTS ? 2 : 1)
  return Object.entries(stats.accuracy_by_variant)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, value]) => ({
      label: key === 'hq' ? 'HQ' : (COMPOSED_VARIANTS[key]?.label ?? shortRecipe(key)),
      'accuracy %': percent(value.accuracy),
      graded: value.graded,
      filter:
        key === 'hq'
          ? { chosenCorrect: ['correct', 'wrong'] }
          : (COMPOSED_VARIANTS[key]?.filter ?? recipeFilter(key))
    }))
}

export function tierBars(stats: ProjectStatsDto): ChartDatum[] {
  return TIER_KEYS.map((tier) => ({
    label: `Tier ${tier}`,
    samples: stats.by_tier[tier],
    pairs: stats.pairs_by_tier[tier],
    filter: { tiers: [Number(tier) as 1 | 2 | 3] }
  }))
}

/**
 * Flip rate and accuracy per tier, as percentages; a tier's figure is null (no bar) when nothing
 * was compared or graded there, and a tier with neither is left out. Each links to its tier.
 */
export function tierRateBars(stats: ProjectStatsDto): ChartDatum[] {
  return TIER_KEYS.flatMap((tier) => {
    const detail = stats.by_tier_detail[tier]
    if (!detail.flip_rate && !detail.accuracy) return []
    return [
      {
        label: `Tier ${tier}`,
        'flip rate %': detail.flip_rate ? percent(detail.flip_rate.rate) : null,
        'accuracy %': detail.accuracy ? percent(detail.accuracy.accuracy) : null,
        filter: { tiers: [Number(tier) as 1 | 2 | 3] }
      }
    ]
  })
}

const LAYOUT_LABELS = { sequence: 'Sequence', grid: 'Grid collage', pip: 'Picture-in-picture' }

/** Composed samples and their pairs per layout (layouts with no sample left out). */
export function layoutBars(stats: ProjectStatsDto): ChartDatum[] {
  return COMPOSE_LAYOUTS.filter((layout) => stats.by_layout[layout].samples > 0).map((layout) => ({
    label: LAYOUT_LABELS[layout],
    samples: stats.by_layout[layout].samples,
    pairs: stats.by_layout[layout].pairs,
    filter: { layouts: [layout] }
  }))
}

export function judgeBars(stats: ProjectStatsDto): ChartDatum[] {
  return stats.judge_score_histogram.map((bin) => ({
    label: `${bin.min.toFixed(1)}–${bin.max.toFixed(1)}`,
    pairs: bin.count,
    filter: { judgeScore: { min: bin.min, max: bin.max } }
  }))
}
