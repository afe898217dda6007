import { describe, expect, it } from 'vitest'

import { ComposeInputError, planCompositions } from './compose-plan'
import type { PoolSample } from './compose-plan'
import { COMPARISON_TEMPLATES, findImageQuestion, lowerFirst } from './compose-templates'

const KINDS = ['digits', 'word', 'count', 'colour', 'chart'] as const

/** A pool like the demo's: kinds in rotation, with the labels the demo stores. */
function pool(size: number): PoolSample[] {
  return Array.from({ length: size }, (_, i) => {
    const kind = KINDS[i % 5]!
    const labels: Record<string, string> = { kind }
    if (kind === 'digits') labels.number = String(1000 + i)
    if (kind === 'word') labels.word = `w${i}`
    if (kind === 'count') labels.triangles = String(3 + (i % 7))
    if (kind === 'colour') labels.colour = ['red', 'blue'][i % 2]!
    if (kind === 'chart') for (const bar of 'ABCDE') labels[`bar_${bar}`] = String(10 + i)
    return { id: i + 1, question: `Question ${i + 1}?`, groundTruth: `a${i + 1}`, labels }
  })
}

const OPTIONS = {
  tiers: [1, 2, 3] as Array<1 | 2 | 3>,
  layouts: ['sequence', 'grid', 'pip'] as Array<'sequence' | 'grid' | 'pip'>,
  minImages: 2,
  maxImages: 5,
  count: 9,
  seed: 7
}

describe('planCompositions', () => {
  it('is deterministic from the seed and differs for another seed', () => {
    const a = planCompositions(pool(30), OPTIONS)
    expect(planCompositions(pool(30), OPTIONS)).toEqual(a)
    expect(planCompositions(pool(30), { ...OPTIONS, seed: 8 }).items).not.toEqual(a.items)
  })

  it('makes every tier, spreads layouts, and keeps picture-in-picture to tier 1', () => {
    const { items, skipped } = planCompositions(pool(30), OPTIONS)
    expect(skipped).toEqual([])
    expect(items).toHaveLength(27)
    const tier1 = items.filter((i) => i.tier === 1)
    expect(new Set(tier1.map((i) => i.layout))).toEqual(new Set(['sequence', 'grid', 'pip']))
    expect(items.filter((i) => i.tier > 1).every((i) => i.layout !== 'pip')).toBe(true)
    for (const item of items) {
      expect(new Set(item.sources.map((s) => s.sampleId)).size).toBe(item.sources.length)
      const n = item.sources.length
      expect(n).toBeGreaterThanOrEqual(2)
      expect(n).toBeLessThanOrEqual(item.layout === 'pip' ? 2 : 5)
    }
  })

  it('asks tier 1 about the target by the index where it was placed, with its ground truth', () => {
    const samples = pool(30)
    for (const item of planCompositions(samples, OPTIONS).items.filter((i) => i.tier === 1)) {
      const at = item.sources.findIndex((s) => s.role === 'target')
      const target = samples.find((s) => s.id === item.sources[at]!.sampleId)!
      expect(item.groundTruth).toBe(target.groundTruth)
      expect(item.guidedQuestion).toBe(target.question)
      if (item.layout === 'pip')
        expect(item.question).toBe(`For the image in the center, ${lowerFirst(target.question)}`)
      else expect(item.question).toBe(`In Image ${at + 1}, question ${target.id}?`)
    }
  })

  it('computes tier 2 ground truth from the operands labels at their indices', () => {
    const samples = pool(30)
    const tier2 = planCompositions(samples, { ...OPTIONS, count: 40 }).items.filter(
      (i) => i.tier === 2
    )
    expect(new Set(tier2.map((i) => i.template))).toEqual(
      new Set(COMPARISON_TEMPLATES.map((t) => t.id))
    )
    for (const item of tier2) {
      const operands = item.sources.flatMap((s, i) =>
        s.role === 'operand' ? [{ index: i + 1, sample: samples[s.sampleId - 1]! }] : []
      )
      expect(operands).toHaveLength(2)
      const [a, b] = operands as [(typeof operands)[0], (typeof operands)[0]]
      expect(item.question).toContain(`Image ${a.index}`)
      expect(item.question).toContain(`Image ${b.index}`)
      expect(item.guidedQuestion).toContain('Image 1')
      if (item.template === 'same-colour') {
        expect(item.groundTruth).toBe(
          a.sample.labels.colour === b.sample.labels.colour ? 'yes' : 'no'
        )
      }
      if (item.template === 'more-triangles') {
        const more = Number(a.sample.labels.triangles) > Number(b.sample.labels.triangles)
        expect(item.groundTruth).toBe(more ? 'yes' : 'no')
      }
      if (item.template === 'bar-sum') {
        const bar = /bar ([A-E])/.exec(item.question)![1]!
        const sum = Number(a.sample.labels[`bar_${bar}`]) + Number(b.sample.labels[`bar_${bar}`])
        expect(item.groundTruth).toBe(String(sum))
        expect(item.tolerance).toEqual({ absolute: 4 })
      }
    }
  })

  it('makes tier 3 targets the only image of their kind, and answers find-image with its index', () => {
    const samples = pool(30)
    const tier3 = planCompositions(samples, OPTIONS).items.filter((i) => i.tier === 3)
    expect(new Set(tier3.map((i) => i.template))).toEqual(
      new Set(['find-image', 'search-question'])
    )
    for (const item of tier3) {
      const kinds = item.sources.map((s) => samples[s.sampleId - 1]!.labels.kind)
      const at = item.sources.findIndex((s) => s.role === 'target')
      expect(kinds.filter((k) => k === kinds[at])).toHaveLength(1)
      expect(item.question).not.toMatch(/Image \d/)
      if (item.template === 'find-image') {
        expect(item.groundTruth).toBe(String(at + 1))
        expect(item.question).toBe(findImageQuestion(kinds[at]!, at + 1)!.question)
        expect(item.guidedQuestion).toBeNull()
      }
    }
  })

  it('refuses a pool smaller than the least images per sample, naming both numbers', () => {
    expect(() => planCompositions(pool(3), { ...OPTIONS, minImages: 4 })).toThrow(ComposeInputError)
    expect(() => planCompositions(pool(3), { ...OPTIONS, minImages: 4 })).toThrow(
      /holds 3 single-image samples; 4 images per sample need at least 4/
    )
  })

  it('skips tier 2 and 3 items without labels, with the sample and the label missing', () => {
    const unlabelled = pool(10).map((s) => ({ ...s, labels: {} }))
    const { items, skipped } = planCompositions(unlabelled, { ...OPTIONS, count: 2 })
    expect(items.every((i) => i.tier === 1)).toBe(true)
    expect(skipped.filter((s) => s.item.startsWith('tier 2'))[0]!.reason).toMatch(
      /no comparison can be made: .*needs two samples of kind/
    )
    expect(skipped.find((s) => s.item.startsWith('tier 3'))!.reason).toMatch(/kind label/)

    const halfLabelled = pool(30).map((s) =>
      s.labels.kind === 'digits' ? { ...s, labels: { kind: 'digits' } } : s
    )
    const reasons = planCompositions(halfLabelled, { ...OPTIONS, tiers: [2], count: 20 }).skipped
    expect(reasons).toContainEqual({
      item: 'sample 1',
      reason: 'lacks the label number that same-number needs'
    })
  })

  it('gives tiers 2 and 3 no layout when only picture-in-picture is asked for', () => {
    const { items, skipped } = planCompositions(pool(10), {
      ...OPTIONS,
      layouts: ['pip'],
      count: 1
    })
    expect(items.map((i) => i.tier)).toEqual([1])
    expect(skipped.map((s) => s.item)).toEqual(['tier 2', 'tier 3'])
  })
})
