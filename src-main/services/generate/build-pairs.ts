import { answersDiffer } from '../../../src-shared/domain/answer-normalize'
import { normalizedEditDistance } from '../../../src-shared/domain/edit-distance'
import { lengthDelta } from '../../../src-shared/domain/length-delta'
import { describeRecipe, parseRecipe } from '../../../src-shared/domain/recipes'
import { decidePair, flipLevel } from '../../../src-shared/domain/visual-delta-rules'
import type { PairMode } from '../../../src-shared/domain/visual-delta-rules'
import type { Db } from '../../db/open-database'
import { storeFor } from '../../store/store'
import { HQ_VARIANT, toleranceOf } from '../../../src-shared/domain/variant-keys'
import type { GenSample } from '../../store/generation-repo'

/**
 * Builds the visual-delta pairs of one sample from a run's committed responses: HQ against each
 * LQ variant, kept by the mode's rule, with length deltas, edit distance, correctness, flip level
 * and the variant's PSNR/SSIM (mean over the sample's images). Idempotent: a pair of the same
 * two responses is never inserted twice. Returns the ids of the new pairs.
 */
export function buildPairsForSample(
  db: Db,
  runId: number,
  sample: GenSample,
  mode: PairMode
): number[] {
  const store = storeFor(db)
  const responses = store.responses.ofSample(sample.id, runId)
  const hq = responses.find((r) => r.variantKey === HQ_VARIANT)
  if (!hq) return []
  const lq = responses
    .filter((r) => r.variantKey !== HQ_VARIANT)
    .map((r) => ({ ...r, ...describeRecipe(parseRecipe(r.variantKey)) }))
  const outcomes = lq.map((r) => ({
    type: r.type,
    level: r.level,
    changed: answersDiffer(hq.text, r.text)
  }))
  const imageIds = sample.images.map((i) => i.id)
  const pairs = store.pairs
  const tolerance = toleranceOf(sample.metadata)
  const now = new Date().toISOString()
  const created: number[] = []
  for (const r of lq) {
    const decision = decidePair({
      mode,
      hq: hq.text,
      lq: r.text,
      groundTruth: sample.groundTruth,
      tolerance
    })
    if (!decision.keep) continue
    const delta = lengthDelta({
      chosen: hq.text,
      rejected: r.text,
      chosenTokens: hq.completionTokens,
      rejectedTokens: r.completionTokens
    })
    const q = store.images.variantQuality(r.variantKey, imageIds)
    const result = pairs.create({
      sampleId: sample.id,
      origin: 'visual-delta',
      runId,
      chosenResponseId: hq.id,
      rejectedResponseId: r.id,
      chosenText: hq.text,
      rejectedText: r.text,
      recipeKey: r.variantKey,
      perturbType: r.type,
      perturbLevel: r.level,
      psnr: q.psnr,
      ssim: q.ssim,
      chosenTokens: hq.completionTokens,
      rejectedTokens: r.completionTokens,
      deltaTokens: delta.tokens,
      deltaChars: delta.chars,
      deltaWords: delta.words,
      editDistance: normalizedEditDistance(hq.text, r.text),
      chosenCorrect: decision.chosenCorrect,
      rejectedCorrect: decision.rejectedCorrect,
      flipLevel: r.type === 'chain' || r.type === 'none' ? null : flipLevel(r.type, outcomes),
      createdAt: now
    })
    if (result.inserted) created.push(result.id)
  }
  return created
}
