import type { EventEnvelope, RpcResponse } from '../../../src-shared/rpc/envelope'
import type { ImageRef, Transport } from '../../../src-shared/rpc/transport'

/** What the Electron preload exposes on `window.hostBridge`. */
export type HostBridge = {
  call(method: string, input: unknown): Promise<RpcResponse>
  subscribe(listener: (event: EventEnvelope) => void): () => void
  /** The desktop's native open dialog (absent in older preloads). */
  pickPath?(kind: 'file' | 'folder' | 'any'): Promise<string | null>
}

/** Desktop transport over the preload bridge; media go through the app-media:// protocol. */
export function createIpcTransport(bridge: HostBridge): Transport {
  return {
    request: (method, input) => bridge.call(method, input),
    subscribe: (listener) => bridge.subscribe(listener),
    mediaUrl: (ref: ImageRef) => `app-media://media/${ref.thumb ? 'thumb/' : ''}${ref.sha256}`,
    onConnectionChange(listener) {
      listener('open')
      return () => undefined
    }
  }
}
