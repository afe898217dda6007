import { normalizedEditDistance } from '../../../src-shared/domain/edit-distance'
import { checkAnswer } from '../../../src-shared/domain/answer-correctness'
import { lengthDelta } from '../../../src-shared/domain/length-delta'
import { postSelection } from '../../../src-shared/domain/post-selection'
import type { PostFilterName, PostFilters } from '../../../src-shared/domain/post-selection'
import { decidePair } from '../../../src-shared/domain/visual-delta-rules'
import type { PairMode } from '../../../src-shared/domain/visual-delta-rules'
import type { Db } from '../../db/open-database'
import { storeFor } from '../../store/store'
import type { GenSample } from '../../store/generation-repo'
import { GUIDED_VARIANT, HARD_VARIANT } from './prompt-variants'
import { toleranceOf } from '../../../src-shared/domain/variant-keys'

export type PromptPairsResult = {
  readonly created: number[]
  /** The post-selection filter that removed this sample's pair, if one did. */
  readonly removedBy: PostFilterName | null
}

/**
 * The prompt-driven pair of one composed sample (S2H): chosen is the guided answer (target or
 * operands alone), rejected the hard answer (the composed prompt). Label-free keeps it when the
 * two differ; label-based when guided is right and hard wrong. A template without a guided form
 * (which image shows X) takes its exact, computed ground truth as chosen, and keeps the pair when
 * the hard answer is wrong. MIA-DPO's post-selection then may remove it. Idempotent.
 */
export function buildPromptPairs(
  db: Db,
  runId: number,
  sample: GenSample,
  mode: PairMode,
  filters: PostFilters
): PromptPairsResult {
  const store = storeFor(db)
  const hard = store.responses.find(runId, sample.id, HARD_VARIANT)
  if (!hard) return { created: [], removedBy: null }
  const guided = store.responses.find(runId, sample.id, GUIDED_VARIANT)
  const tolerance = toleranceOf(sample.metadata)
  let chosen: { id: number | null; text: string; tokens: number | null }
  let correct: { chosen: boolean | null; rejected: boolean | null }
  if (guided) {
    const decision = decidePair({
      mode,
      hq: guided.text,
      lq: hard.text,
      groundTruth: sample.groundTruth,
      tolerance
    })
    if (!decision.keep) return { created: [], removedBy: null }
    chosen = { id: guided.id, text: guided.text, tokens: guided.completionTokens }
    correct = { chosen: decision.chosenCorrect, rejected: decision.rejectedCorrect }
  } else {
    const truth = sample.groundTruth?.trim() ? sample.groundTruth : null
    if (!truth || checkAnswer(hard.text, truth, tolerance).correct) {
      return { created: [], removedBy: null }
    }
    chosen = { id: null, text: truth, tokens: null }
    correct = { chosen: true, rejected: false }
  }
  const editDistance = normalizedEditDistance(chosen.text, hard.text)
  const removedBy = postSelection(
    {
      chosen: chosen.text,
      rejected: hard.text,
      rejectedPerplexity: store.responses.perplexityOf(hard.id),
      editDistance
    },
    filters
  )
  if (removedBy) return { created: [], removedBy }
  if (chosen.id === null && store.pairs.findByResponses(null, hard.id) !== null) {
    return { created: [], removedBy: null }
  }
  const delta = lengthDelta({
    chosen: chosen.text,
    rejected: hard.text,
    chosenTokens: chosen.tokens,
    rejectedTokens: hard.completionTokens
  })
  const result = store.pairs.create({
    sampleId: sample.id,
    origin: 'prompt-complexity',
    runId,
    chosenResponseId: chosen.id,
    rejectedResponseId: hard.id,
    chosenText: chosen.text,
    rejectedText: hard.text,
    tierSource: 'compose',
    chosenTokens: chosen.tokens,
    rejectedTokens: hard.completionTokens,
    deltaTokens: delta.tokens,
    deltaChars: delta.chars,
    deltaWords: delta.words,
    editDistance,
    chosenCorrect: correct.chosen,
    rejectedCorrect: correct.rejected
  })
  return { created: result.inserted ? [result.id] : [], removedBy: null }
}
