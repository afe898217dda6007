import type { SidecarStartInput, SidecarStatusDto } from '../../../src-shared/contract/inference'
import { RpcError } from '../../../src-shared/rpc/errors'
import { resolveSidecarBinary } from './binary-resolution'
import type { ResolvedBinary } from './binary-resolution'
import { EndpointPool } from './endpoint-pool'
import { LlamaServer } from './llama-server'
import type { LlamaServerConfig } from './llama-server'

export const LOCAL_ENDPOINT_ID = 'local'

const STOPPED: SidecarStatusDto = {
  state: 'stopped',
  model: null,
  mmproj: null,
  isTestModel: false,
  slots: null,
  ctxPerSlot: null,
  backend: null,
  binary: null,
  url: null,
  pid: null,
  restarts: 0,
  lastError: null
}

export type InferenceServiceDeps = {
  /** Receives every sidecar status change (the composition root publishes it as an event). */
  readonly onStatus?: (status: SidecarStatusDto) => void
  /** Finds the binary; defaults to the standard resolution order. */
  readonly resolveBinary?: () => ResolvedBinary | null
  /** Extra settings for every sidecar launch (threads, timeouts, …). */
  readonly sidecarDefaults?: Partial<LlamaServerConfig>
}

/**
 * Owns the local sidecar and the endpoint pool. While the sidecar runs it is the pool's `local`
 * endpoint (capacity = its slots); requests to it wait through crash restarts.
 */
export class InferenceService {
  readonly pool = new EndpointPool()
  readonly #deps: InferenceServiceDeps
  #sidecar: LlamaServer | null = null

  constructor(deps: InferenceServiceDeps = {}) {
    this.#deps = deps
  }

  get sidecar(): LlamaServer | null {
    return this.#sidecar
  }

  status(): SidecarStatusDto {
    return this.#sidecar?.status ?? STOPPED
  }

  logs(limit = 200): string[] {
    return this.#sidecar?.logs(limit) ?? []
  }

  /**
   * Starts the sidecar with these settings (stopping a previous one first) and resolves once it
   * is ready. Throws RpcError UNAVAILABLE when no binary exists or the server fails to load.
   */
  async startSidecar(input: SidecarStartInput): Promise<SidecarStatusDto> {
    const binary = (this.#deps.resolveBinary ?? (() => resolveSidecarBinary()))()
    if (!binary) {
      throw new RpcError(
        'UNAVAILABLE',
        'No llama-server binary: run `delta-studio sidecar build` first'
      )
    }
    await this.stopSidecar()
    const slots = input.slots ?? 2
    const server = new LlamaServer(
      {
        ...this.#deps.sidecarDefaults,
        binary: binary.path,
        backend: binary.backend,
        model: input.model,
        mmproj: input.mmproj,
        slots,
        ctxPerSlot: input.ctxPerSlot,
        gpuLayers: input.gpuLayers
      },
      (status) => this.#deps.onStatus?.(status)
    )
    this.#sidecar = server
    this.pool.add(
      {
        id: LOCAL_ENDPOINT_ID,
        label: 'Local sidecar',
        kind: 'local',
        url: '',
        capacity: slots,
        target: { resolve: (signal) => server.waitUntilReady(signal) },
        // The sidecar restarts itself after a crash: wait for it rather than give up quickly.
        retries: 3
      },
      () => server.status.url ?? ''
    )
    try {
      await server.start()
    } catch (error) {
      throw new RpcError('UNAVAILABLE', (error as Error).message, server.logs(20))
    }
    return server.status
  }

  /** Stops the sidecar (no-op when none runs); resolves once its process has exited. */
  async stopSidecar(): Promise<SidecarStatusDto> {
    const server = this.#sidecar
    if (!server) return STOPPED
    this.pool.remove(LOCAL_ENDPOINT_ID)
    await server.stop()
    return server.status
  }

  async dispose(): Promise<void> {
    await this.stopSidecar()
  }
}
