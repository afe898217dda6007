import type { ComposeLayout, ComposeParams, SourceRole } from '../../../src-shared/contract/compose'
import type { Tier } from '../../../src-shared/domain/pair-filter'
import {
  COMPARISON_TEMPLATES,
  SEARCH_DESCRIPTIONS,
  SEARCH_TEMPLATES,
  centreQuestion,
  findImageQuestion,
  locateQuestion,
  missingLabels
} from './compose-templates'
import type { LabelledSample } from './compose-templates'
import { choiceFor, itemSeed } from './seeded-choice'
import type { Choice } from './seeded-choice'

/** A single-image sample of the project that compositions draw from. */
export type PoolSample = LabelledSample & {
  /** The sample's numeric tolerance (from its metadata), carried to compositions it targets. */
  readonly tolerance?: { readonly absolute?: number; readonly relative?: number }
}

export type PlannedSource = { readonly sampleId: number; readonly role: SourceRole }

/** One composed sample to make: which sources in which order, how shown, what asked. */
export type PlannedComposition = {
  /** Names the item in errors and skips: `tier 2 #3`. */
  readonly item: string
  readonly tier: Tier
  readonly layout: ComposeLayout
  readonly template: string
  readonly seed: number
  /** In the order the prompt numbers them (position 0 is Image 1). */
  readonly sources: readonly PlannedSource[]
  readonly question: string
  readonly groundTruth: string
  readonly guidedQuestion: string | null
  readonly tolerance?: { readonly absolute?: number; readonly relative?: number }
}

export type Skip = { readonly item: string; readonly reason: string }

/** Input the composer cannot work with at all (the job fails with this message). */
export class ComposeInputError extends Error {
  override name = 'ComposeInputError'
}

type PlanOptions = Pick<
  ComposeParams,
  'tiers' | 'layouts' | 'minImages' | 'maxImages' | 'count' | 'seed'
>

/** Layouts a tier can use: picture-in-picture names no index, so it only shows tier 1. */
function layoutsFor(tier: Tier, layouts: readonly ComposeLayout[]): ComposeLayout[] {
  return tier === 1 ? [...layouts] : layouts.filter((l) => l !== 'pip')
}

/** `target` placed among `others` at a seeded position; returns the order and the target's index. */
function place(
  choice: Choice,
  target: PoolSample,
  others: readonly PoolSample[],
  role: SourceRole = 'distractor'
): { sources: PlannedSource[]; index: number } {
  const index = choice.int(0, others.length)
  const sources = others.map((s) => ({ sampleId: s.id, role }))
  sources.splice(index, 0, { sampleId: target.id, role: 'target' })
  return { sources, index }
}

/**
 * Plans `count` composed samples per tier, deterministically from the seed and the pool (the
 * project's single-image samples, in id order). Items that cannot be made (no labelled operands,
 * too few distractors of another kind) come back as skips with their reason; a pool smaller than
 * the least images per sample throws ComposeInputError.
 */
export function planCompositions(
  pool: readonly PoolSample[],
  options: PlanOptions
): { items: PlannedComposition[]; skipped: Skip[] } {
  const answered = pool.filter((s) => s.groundTruth !== null && s.groundTruth.trim() !== '')
  if (pool.length < options.minImages) {
    throw new ComposeInputError(
      `The pool holds ${pool.length} single-image sample${pool.length === 1 ? '' : 's'}; ` +
        `${options.minImages} images per sample need at least ${options.minImages}`
    )
  }
  if (answered.length === 0) {
    throw new ComposeInputError('No single-image sample has a ground truth to compose from')
  }
  const items: PlannedComposition[] = []
  const skipped: Skip[] = []
  const missingReported = new Set<string>()
  const reportMissing = (sample: PoolSample, template: string, missing: string[]): void => {
    const key = `${sample.id}:${template}`
    if (missingReported.has(key)) return
    missingReported.add(key)
    skipped.push({
      item: `sample ${sample.id}`,
      reason: `lacks the label${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that ${template} needs`
    })
  }
  const maxImages = Math.min(options.maxImages, pool.length)

  for (const tier of [...new Set(options.tiers)].sort()) {
    const layouts = layoutsFor(tier, options.layouts)
    if (layouts.length === 0) {
      skipped.push({
        item: `tier ${tier}`,
        reason: 'picture-in-picture names no image index; tiers 2 and 3 need sequence or grid'
      })
      continue
    }
    for (let index = 0; index < options.count; index++) {
      const item = `tier ${tier} #${index + 1}`
      const layout = layouts[index % layouts.length] as ComposeLayout
      const seed = itemSeed(options.seed, tier, index)
      const choice = choiceFor(seed)
      const images = layout === 'pip' ? 2 : choice.int(options.minImages, maxImages)
      const base = { item, tier, layout, seed }
      if (tier === 1) {
        const target = choice.pick(answered)
        const others = choice.sample(
          pool.filter((s) => s.id !== target.id),
          images - 1
        )
        if (layout === 'pip') {
          items.push({
            ...base,
            template: 'locate-centre',
            sources: [
              { sampleId: (others[0] as PoolSample).id, role: 'background' },
              { sampleId: target.id, role: 'target' }
            ],
            question: centreQuestion(target.question),
            groundTruth: target.groundTruth as string,
            guidedQuestion: target.question,
            ...(target.tolerance ? { tolerance: target.tolerance } : {})
          })
          continue
        }
        const { sources, index: at } = place(choice, target, others)
        items.push({
          ...base,
          template: 'locate',
          sources,
          question: locateQuestion(target.question, at + 1),
          groundTruth: target.groundTruth as string,
          guidedQuestion: target.question,
          ...(target.tolerance ? { tolerance: target.tolerance } : {})
        })
      } else if (tier === 2) {
        const planned = planComparison(pool, choice, images, reportMissing)
        if ('reason' in planned) skipped.push({ item, reason: planned.reason })
        else items.push({ ...base, ...planned })
      } else {
        const template = SEARCH_TEMPLATES[Math.floor(index / layouts.length) % 2] as string
        const planned = planSearch(pool, choice, images, template)
        if ('reason' in planned) skipped.push({ item, reason: planned.reason })
        else items.push({ ...base, ...planned })
      }
    }
  }
  return { items, skipped }
}

type Planned = Pick<
  PlannedComposition,
  'template' | 'sources' | 'question' | 'groundTruth' | 'guidedQuestion' | 'tolerance'
>

/** Tier 2: two labelled operands of one kind among distractors, and a question over both. */
function planComparison(
  pool: readonly PoolSample[],
  choice: Choice,
  images: number,
  reportMissing: (sample: PoolSample, template: string, missing: string[]) => void
): Planned | { reason: string } {
  const tried: string[] = []
  const bar = choice.int(0, 4)
  for (const template of choice.shuffle(COMPARISON_TEMPLATES)) {
    const ofKind = pool.filter((s) => s.labels.kind === template.kind)
    const ready = ofKind.filter((s) => {
      const missing = missingLabels(s, template)
      if (missing.length) reportMissing(s, template.id, missing)
      return missing.length === 0
    })
    if (ready.length < 2) {
      tried.push(
        `${template.id} needs two samples of kind ${template.kind} (${ready.length} found)`
      )
      continue
    }
    const [a, b] = choice.sample(ready, 2) as [PoolSample, PoolSample]
    const distractors = choice.sample(
      pool.filter((s) => s.id !== a.id && s.id !== b.id),
      images - 2
    )
    const order = choice.shuffle([
      { sample: a, role: 'operand' as const },
      { sample: b, role: 'operand' as const },
      ...distractors.map((sample) => ({ sample, role: 'distractor' as const }))
    ])
    const operands = order.filter((o) => o.role === 'operand').map((o) => o.sample)
    const [first, second] = operands as [PoolSample, PoolSample]
    const i = order.findIndex((o) => o.sample === first) + 1
    const j = order.findIndex((o) => o.sample === second) + 1
    const hard = template.build(first, second, i, j, () => bar)
    const guided = template.build(first, second, 1, 2, () => bar)
    if (!hard || !guided) {
      tried.push(`${template.id}: a label of sample ${first.id} or ${second.id} is not a number`)
      continue
    }
    return {
      template: template.id,
      sources: order.map((o) => ({ sampleId: o.sample.id, role: o.role })),
      question: hard.question,
      groundTruth: hard.groundTruth,
      guidedQuestion: guided.question,
      ...(hard.tolerance ? { tolerance: hard.tolerance } : {})
    }
  }
  return { reason: `no comparison can be made: ${tried.join('; ')}` }
}

/** Tier 3: the target among images of other kinds, so "the one that shows X" is unambiguous. */
function planSearch(
  pool: readonly PoolSample[],
  choice: Choice,
  images: number,
  template: string
): Planned | { reason: string } {
  const targets = pool.filter(
    (s) =>
      s.labels.kind !== undefined &&
      SEARCH_DESCRIPTIONS[s.labels.kind] !== undefined &&
      s.groundTruth !== null &&
      s.groundTruth.trim() !== ''
  )
  if (targets.length === 0) {
    return { reason: 'no sample carries a kind label that a search question can describe' }
  }
  const target = choice.pick(targets)
  const otherKinds = pool.filter(
    (s) => s.labels.kind !== undefined && s.labels.kind !== target.labels.kind
  )
  if (otherKinds.length < images - 1) {
    return {
      reason: `${images - 1} distractors of another kind than ${target.labels.kind} are needed; the pool has ${otherKinds.length}`
    }
  }
  const { sources, index } = place(choice, target, choice.sample(otherKinds, images - 1))
  if (template === 'find-image') {
    const found = findImageQuestion(target.labels.kind as string, index + 1)!
    return {
      template,
      sources,
      question: found.question,
      groundTruth: found.groundTruth,
      guidedQuestion: null
    }
  }
  return {
    template,
    sources,
    question: target.question,
    groundTruth: target.groundTruth as string,
    guidedQuestion: target.question,
    ...(target.tolerance ? { tolerance: target.tolerance } : {})
  }
}
