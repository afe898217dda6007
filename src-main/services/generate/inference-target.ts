import { EndpointPool } from '../inference/endpoint-pool'
import { LlamaServer } from '../inference/llama-server'
import { ensureSidecarBinary } from '../inference/sidecar-build'
import type { BuildProgress } from '../inference/sidecar-build'
import { ensureTinyVlm, isTestModelFile } from '../inference/tiny-vlm'
import type { ChatRequest, ChatResult } from '../inference/vlm-client'
import type { GenerateParams } from '../../../src-shared/contract/generate'
import type { RunIdentity } from '../../store/generation-repo'

/** Where a generation job sends its requests, and how the run is identified. */
export type InferenceTarget = {
  readonly identity: RunIdentity
  /** Requests the target serves at once; the job keeps exactly this many in flight. */
  readonly capacity: number
  chat(req: ChatRequest): Promise<ChatResult>
  close(): Promise<void>
}

/** Sampling parameters that define a run (two jobs with equal values share one run). */
export function runParams(params: GenerateParams): Record<string, unknown> {
  return {
    temperature: params.temperature,
    max_tokens: params.maxTokens,
    ...(params.seed !== undefined ? { seed: params.seed } : {})
  }
}

/**
 * Opens the job's inference target: a local llama-server sidecar with `parallel` slots (its
 * binary built from the bundled source first if needed, with progress), or a pool over the
 * given endpoints spread by free capacity. The caller must `close()` it.
 */
export async function openInferenceTarget(
  params: GenerateParams,
  options: { signal?: AbortSignal; onBuild?: (progress: BuildProgress) => void } = {}
): Promise<InferenceTarget> {
  const pool = new EndpointPool()
  const local = params.testModel ? ensureTinyVlm() : params.model ? params : null
  if (local?.model) {
    const binary = await ensureSidecarBinary({ onProgress: options.onBuild })
    options.signal?.throwIfAborted()
    const server = new LlamaServer({
      binary: binary.path,
      backend: binary.backend,
      model: local.model,
      mmproj: local.mmproj,
      slots: params.parallel,
      ctxPerSlot: params.ctxPerSlot,
      gpuLayers: params.gpuLayers
    })
    await server.start()
    const endpoint = server.endpoint!
    pool.add({
      id: 'local',
      kind: 'local',
      url: endpoint.url,
      capacity: params.parallel,
      target: { resolve: (signal) => server.waitUntilReady(signal) },
      retries: 3
    })
    return {
      identity: {
        model: local.model,
        mmproj: local.mmproj ?? null,
        endpoint: null,
        isTestModel: isTestModelFile(local.model),
        params: runParams(params)
      },
      capacity: params.parallel,
      chat: (req) => pool.chat(req),
      close: () => server.stop()
    }
  }
  let capacity = 0
  for (const spec of params.endpoints) {
    const slots = spec.capacity ?? params.parallel
    capacity += slots
    pool.add({ url: spec.url, apiKey: spec.apiKey, capacity: slots, kind: 'remote' })
  }
  const urls = params.endpoints.map((e) => e.url).sort()
  return {
    identity: {
      // Endpoints name their model only in responses; the run is keyed by where it was asked.
      model: `endpoint ${urls.join(' ')}`,
      mmproj: null,
      endpoint: urls.join(' '),
      isTestModel: false,
      params: runParams(params)
    },
    capacity,
    chat: (req) => pool.chat(req),
    close: async () => undefined
  }
}
