import { answersDiffer } from '../../../src-shared/domain/answer-normalize'
import { normalizedEditDistance } from '../../../src-shared/domain/edit-distance'
import { lengthDelta } from '../../../src-shared/domain/length-delta'
import { describeRecipe, parseRecipe } from '../../../src-shared/domain/recipes'
import { decidePair, flipLevel } from '../../../src-shared/domain/visual-delta-rules'
import type { PairMode } from '../../../src-shared/domain/visual-delta-rules'
import type { Db } from '../../db/open-database'
import { storeFor } from '../../store/store'
import { HQ_VARIANT, toleranceOf } from './variant-keys'
import type { GenSample } from './generation-store'

type ResponseRow = {
  id: number
  variant_key: string
  text: string
  completion_tokens: number | null
}

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
  const responses = db
    .prepare(
      'SELECT id, variant_key, text, completion_tokens FROM responses WHERE run_id = ? AND sample_id = ?'
    )
    .all(runId, sample.id) as ResponseRow[]
  const hq = responses.find((r) => r.variant_key === HQ_VARIANT)
  if (!hq) return []
  const lq = responses
    .filter((r) => r.variant_key !== HQ_VARIANT)
    .map((r) => ({ ...r, ...describeRecipe(parseRecipe(r.variant_key)) }))
  const outcomes = lq.map((r) => ({
    type: r.type,
    level: r.level,
    changed: answersDiffer(hq.text, r.text)
  }))
  const quality = db.prepare(
    `SELECT AVG(psnr) AS psnr, AVG(ssim) AS ssim FROM images
     WHERE recipe_key = ? AND source_id IN (SELECT value FROM json_each(?))`
  )
  const imageIds = JSON.stringify(sample.images.map((i) => i.id))
  const pairs = storeFor(db).pairs
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
      chosenTokens: hq.completion_tokens,
      rejectedTokens: r.completion_tokens
    })
    const q = quality.get(r.variant_key, imageIds) as { psnr: number | null; ssim: number | null }
    const result = pairs.create({
      sampleId: sample.id,
      origin: 'visual-delta',
      runId,
      chosenResponseId: hq.id,
      rejectedResponseId: r.id,
      chosenText: hq.text,
      rejectedText: r.text,
      recipeKey: r.variant_key,
      perturbType: r.type,
      perturbLevel: r.level,
      psnr: q.psnr,
      ssim: q.ssim,
      chosenTokens: hq.completion_tokens,
      rejectedTokens: r.completion_tokens,
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
