import type { JudgeParams } from '../../../src-shared/contract/judge'
import { openInferenceTarget } from '../generate/inference-target'
import type { InferenceTarget } from '../generate/inference-target'
import type { SidecarStatusDto } from '../../../src-shared/contract/inference'
import type { EndpointPool } from '../inference/endpoint-pool'
import type { BuildProgress } from '../inference/sidecar-build'

/** The target fields every judge job shares (`JudgeParams` without its own fields). */
export type JudgeTargetParams = Pick<
  JudgeParams,
  'model' | 'mmproj' | 'testModel' | 'pool' | 'endpoints' | 'parallel' | 'ctxPerSlot' | 'gpuLayers'
>

/** The studio's own inference layer, for jobs started inside it with `pool: true`. */
export type StudioInference = {
  readonly pool: EndpointPool
  status(): SidecarStatusDto
}

/**
 * Opens where judgements go, through the same inference layer as generation: a local sidecar
 * with `parallel` slots (built first if needed) or a pool over endpoints. Verdicts are greedy
 * one-token answers, so the run identity records temperature 0 and one token.
 */
export async function openJudgeTarget(
  params: JudgeTargetParams,
  options: {
    signal?: AbortSignal
    onBuild?: (progress: BuildProgress) => void
    studio?: StudioInference
  } = {}
): Promise<InferenceTarget> {
  if (params.pool) return poolTarget(options.studio)
  return openInferenceTarget({ ...params, temperature: 0, maxTokens: 1, seed: undefined }, options)
}

/** A short model name for reports and stored judgements. */
export function judgeModelName(target: InferenceTarget): string {
  const { model, isTestModel } = target.identity
  const base = model.split(/[\\/]/).pop() ?? model
  return isTestModel ? `${base} (test model)` : base
}

/**
 * The studio's pool as a target: the job keeps as many judgements in flight as the pool has
 * free slots when it starts (the sidecar's slots plus each endpoint's capacity).
 */
function poolTarget(studio: StudioInference | undefined): InferenceTarget {
  if (!studio)
    throw new Error(
      'The studio endpoint pool exists only inside the studio; give --model, --test-model or --endpoint'
    )
  const capacity = studio.pool.freeCapacity()
  if (capacity === 0)
    throw new Error('No inference endpoint is ready: start the sidecar or add an endpoint (Models)')
  const status = studio.status()
  const urls = studio.pool.list().map((e) => e.url)
  return {
    identity: {
      model: status.model ?? `endpoint ${urls.join(' ')}`,
      mmproj: status.mmproj,
      endpoint: status.model ? null : urls.join(' '),
      isTestModel: status.isTestModel,
      params: { temperature: 0, max_tokens: 1 }
    },
    capacity,
    chat: (req) => studio.pool.chat(req),
    close: async () => undefined
  }
}
