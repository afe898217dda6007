import type { JudgeParams } from '../../../src-shared/contract/judge'
import { openInferenceTarget } from '../pipeline/generate/inference-target'
import type { InferenceTarget } from '../pipeline/generate/inference-target'
import type { BuildProgress } from '../inference/sidecar-build'

/** The target fields every judge job shares (`JudgeParams` without its own fields). */
export type JudgeTargetParams = Pick<
  JudgeParams,
  'model' | 'mmproj' | 'testModel' | 'endpoints' | 'parallel' | 'ctxPerSlot' | 'gpuLayers'
>

/**
 * Opens where judgements go, through the same inference layer as generation: a local sidecar
 * with `parallel` slots (built first if needed) or a pool over endpoints. Verdicts are greedy
 * one-token answers, so the run identity records temperature 0 and one token.
 */
export function openJudgeTarget(
  params: JudgeTargetParams,
  options: { signal?: AbortSignal; onBuild?: (progress: BuildProgress) => void } = {}
): Promise<InferenceTarget> {
  return openInferenceTarget({ ...params, temperature: 0, maxTokens: 1, seed: undefined }, options)
}

/** A short model name for reports and stored judgements. */
export function judgeModelName(target: InferenceTarget): string {
  const { model, isTestModel } = target.identity
  const base = model.split(/[\\/]/).pop() ?? model
  return isTestModel ? `${base} (test model)` : base
}
