import { createHash } from 'node:crypto'

import type { Store } from '../store'
import { writeTx } from '../write-tx'
import type { Statement } from '../write-tx'
import { mulberry32 } from '../../../src-shared/domain/seeded-random'

/**
 * Deterministic synthetic projects for tests and the store benchmark: samples with images and
 * LQ variants, one run, four responses per sample (HQ + three degradations) and one
 * visual-delta pair per sample, with VLM-like answer lengths (rejected answers run longer) and a
 * realistic spread of statuses, tiers, scores, tags, notes and edits.
 */

export type SyntheticOptions = {
  readonly samples: number
  readonly seed?: number
  /** Rows per write transaction. */
  readonly chunk?: number
  readonly onProgress?: (done: number, total: number) => void
}

/** Small fast PRNG (mulberry32): same seed, same project. */
export const prng = mulberry32

const COLORS = [
  'red',
  'blue',
  'green',
  'yellow',
  'white',
  'black',
  'orange',
  'purple',
  'brown',
  'gray',
  'pink',
  'silver'
]
const OBJECTS = [
  'car',
  'dog',
  'cat',
  'table',
  'chair',
  'bicycle',
  'person',
  'tree',
  'building',
  'sign',
  'bus',
  'truck',
  'bird',
  'boat',
  'window',
  'door',
  'lamp',
  'bottle',
  'cup',
  'laptop',
  'phone',
  'book',
  'clock',
  'umbrella',
  'bag',
  'horse',
  'sheep',
  'cow',
  'train',
  'bench',
  'kite',
  'plate',
  'pizza',
  'sandwich',
  'banana',
  'apple',
  'vase',
  'plant',
  'sofa',
  'bed',
  'mirror',
  'fence',
  'bridge',
  'mountain',
  'river',
  'street',
  'road',
  'shelf',
  'poster',
  'screen'
]
const PLACES = [
  'kitchen',
  'street',
  'park',
  'office',
  'beach',
  'garden',
  'station',
  'room',
  'market',
  'field',
  'harbor',
  'library'
]
const VERBS = [
  'standing',
  'sitting',
  'parked',
  'hanging',
  'lying',
  'placed',
  'leaning',
  'moving',
  'visible',
  'partially hidden'
]
const PREPS = [
  'next to',
  'behind',
  'in front of',
  'on top of',
  'under',
  'near',
  'to the left of',
  'to the right of'
]
const FILLER = [
  'The image shows',
  'In the picture there is',
  'It appears that',
  'Looking closely,',
  'Overall,',
  'The scene contains',
  'From the details,',
  'Based on the visible evidence,',
  'In the background,'
]
const HEDGES = [
  'although the details are hard to make out',
  'which seems to be the main subject',
  'possibly with some text on it',
  'likely photographed during the day',
  'with several smaller objects around it',
  'and the lighting is fairly even'
]
const NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight']
export const SYNTHETIC_TAGS = [
  'hallucination',
  'verbose',
  'counting',
  'ocr',
  'ambiguous',
  'good-example',
  'needs-review',
  'color'
]
const RECIPES = [
  { key: 'jpeg:q=10', type: 'jpeg' },
  { key: 'blur:sigma=3', type: 'blur' },
  { key: 'downscale:f=0.25', type: 'downscale' }
] as const

class TextGen {
  constructor(private readonly r: () => number) {}

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.r() * list.length)]!
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.r() * (max - min + 1))
  }

  sentence(): string {
    const r = this.r()
    const a = `${this.pick(COLORS)} ${this.pick(OBJECTS)}`
    if (r < 0.35)
      return `${this.pick(FILLER)} a ${a} ${this.pick(VERBS)} ${this.pick(PREPS)} the ${this.pick(OBJECTS)}.`
    if (r < 0.6)
      return `There are ${this.pick(NUMBERS)} ${this.pick(OBJECTS)}s in the ${this.pick(PLACES)}, ${this.pick(HEDGES)}.`
    if (r < 0.8)
      return `The ${a} is ${this.pick(VERBS)} ${this.pick(PREPS)} a ${this.pick(COLORS)} ${this.pick(OBJECTS)} in the ${this.pick(PLACES)}.`
    return `${this.pick(FILLER)} the ${this.pick(OBJECTS)} ${this.pick(PREPS)} the ${a}, ${this.pick(HEDGES)}.`
  }

  /** About `words` words of answer text. */
  answer(words: number): string {
    const parts: string[] = []
    let count = 0
    while (count < words) {
      const s = this.sentence()
      parts.push(s)
      count += s.split(' ').length
    }
    return parts.join(' ')
  }

  question(images: number): string {
    const r = this.r()
    const which = images > 1 ? ` in image ${this.int(1, images)}` : ''
    if (r < 0.3) return `What color is the ${this.pick(OBJECTS)}${which}?`
    if (r < 0.55) return `How many ${this.pick(OBJECTS)}s are visible${which}?`
    if (r < 0.75)
      return `What is ${this.pick(PREPS)} the ${this.pick(COLORS)} ${this.pick(OBJECTS)}${which}?`
    return `Describe the ${this.pick(OBJECTS)} in the ${this.pick(PLACES)}${which} and explain where it is.`
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** Seeds `options.samples` samples (and their images, responses, pairs) into an empty store. */
export function seedSynthetic(store: Store, options: SyntheticOptions): { runId: number } {
  const r = prng(options.seed ?? 1)
  const g = new TextGen(r)
  const chunk = options.chunk ?? 10_000
  const runId = store.runs.create({
    model: 'synthetic-vlm-7b.Q4_K_M.gguf',
    mmproj: 'mmproj-synthetic.gguf',
    isTestModel: true,
    params: { temperature: 0, max_tokens: 512, seed: options.seed ?? 1 }
  })
  const start = Date.parse('2026-01-01T00:00:00Z')
  const touch = store.db.prepare(`UPDATE pairs SET swapped = ?, chosen_edit = ? WHERE id = ?`)
  for (let from = 0; from < options.samples; from += chunk) {
    const to = Math.min(options.samples, from + chunk)
    writeTx(store.db, () => {
      for (let i = from; i < to; i++) seedOne(store, g, r, runId, i, start, touch)
    })
    options.onProgress?.(to, options.samples)
  }
  return { runId }
}

function seedOne(
  store: Store,
  g: TextGen,
  r: () => number,
  runId: number,
  i: number,
  start: number,
  touch: Statement
): void {
  const roll = r()
  const imageCount = roll < 0.7 ? 1 : roll < 0.9 ? 2 : g.int(3, 4)
  const tier = imageCount === 1 ? 1 : roll < 0.9 ? 2 : 3
  const imageIds: number[] = []
  for (let k = 0; k < imageCount; k++) {
    const hash = sha(`img:${i}:${k}`)
    const width = g.pick([640, 800, 1024, 1280])
    const height = g.pick([480, 600, 768, 960])
    const id = store.images.insertOriginal({
      sha256: hash,
      width,
      height,
      format: 'jpeg',
      bytes: 50_000 + g.int(0, 200_000),
      origin: 'import'
    })
    imageIds.push(id)
    for (const recipe of RECIPES) {
      store.images.insertVariant({
        sourceId: id,
        recipeKey: recipe.key,
        recipe: { steps: [recipe.key] },
        seed: i,
        sha256: sha(`img:${i}:${k}:${recipe.key}`),
        width,
        height,
        format: 'jpeg',
        bytes: 20_000,
        psnr: 20 + r() * 15,
        ssim: 0.5 + r() * 0.45
      })
    }
  }
  const question = g.question(imageCount)
  const hasTruth = r() < 0.6
  const { id: sampleId } = store.samples.insert({
    question,
    groundTruth: hasTruth ? g.pick(COLORS) : null,
    tier,
    tierSource: 'auto',
    dedupeKey: sha(`sample:${i}`),
    imageIds,
    externalId: `syn-${i}`
  })
  const hqWords = g.int(15, 80)
  const hq = store.responses.insert({
    runId,
    sampleId,
    variantKey: 'hq',
    text: g.answer(hqWords),
    completionTokens: Math.round(hqWords * 1.3),
    promptTokens: 600 * imageCount,
    finishReason: 'stop',
    latencyMs: 400 + r() * 2000
  })
  const lq: Array<{ id: number; tokens: number; text: string; recipe: (typeof RECIPES)[number] }> =
    []
  for (const recipe of RECIPES) {
    const words = g.int(20, 120)
    const text = g.answer(words)
    const tokens = Math.round(words * 1.3)
    const res = store.responses.insert({
      runId,
      sampleId,
      variantKey: recipe.key,
      text,
      completionTokens: tokens,
      promptTokens: 600 * imageCount,
      finishReason: r() < 0.95 ? 'stop' : 'length',
      latencyMs: 400 + r() * 2000
    })
    lq.push({ id: res.id, tokens, text, recipe })
  }
  const rejected = g.pick(lq)
  const hqText = store.responses.get(hq.id)!.text
  const statusRoll = r()
  const originRoll = r()
  const created = new Date(start + i * 1000).toISOString()
  const { id: pairId } = store.pairs.create({
    sampleId,
    origin: originRoll < 0.8 ? 'visual-delta' : originRoll < 0.95 ? 'prompt-complexity' : 'import',
    runId,
    chosenResponseId: hq.id,
    rejectedResponseId: rejected.id,
    chosenText: hqText,
    rejectedText: rejected.text,
    createdAt: created,
    status: statusRoll < 0.625 ? 'pending' : statusRoll < 0.875 ? 'accepted' : 'rejected',
    recipeKey: rejected.recipe.key,
    perturbType: rejected.recipe.type,
    perturbLevel: Math.round(r() * 100) / 100,
    psnr: 20 + r() * 15,
    ssim: 0.5 + r() * 0.45,
    chosenTokens: Math.round(hqWords * 1.3),
    rejectedTokens: rejected.tokens,
    editDistance: Math.round(r() * 1000) / 1000,
    chosenCorrect: hasTruth ? r() < 0.8 : null,
    rejectedCorrect: hasTruth ? r() < 0.3 : null,
    flipLevel: r() < 0.5 ? Math.round(r() * 100) / 100 : null,
    judgeScore: r() < 0.7 ? Math.round(r() * 1000) / 1000 : null,
    note: r() < 0.03 ? `Check the ${g.pick(OBJECTS)} again` : null,
    tags:
      r() < 0.1
        ? [...new Set([g.pick(SYNTHETIC_TAGS), ...(r() < 0.3 ? [g.pick(SYNTHETIC_TAGS)] : [])])]
        : []
  })
  // A few person edits and swaps, written directly (the audit is not under test here).
  const edited = r() < 0.02
  const swapped = r() < 0.01
  if (edited || swapped) touch.run(swapped ? 1 : 0, edited ? `${hqText} (edited)` : null, pairId)
}
