import type { EventEnvelope, RpcResponse } from './envelope'

/**
 * The part of AbortSignal the contract needs. src-shared has no DOM or Node types, so the
 * real AbortSignal of either runtime satisfies this shape.
 */
export interface AbortSignalLike {
  readonly aborted: boolean
  addEventListener(type: 'abort', listener: () => void): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/** Whether the transport can currently reach the core. */
export type ConnectionState = 'connecting' | 'open' | 'closed'

/** Reference to a stored image; the transport turns it into a URL its host serves. */
export type ImageRef = { readonly sha256: string; readonly ext?: string; readonly thumb?: boolean }

/**
 * Moves envelopes between a client and the core. Transports know nothing about methods:
 * the same contract runs over Electron IPC, HTTP + WebSocket, or in memory.
 */
export interface Transport {
  request(method: string, input: unknown, signal?: AbortSignalLike): Promise<RpcResponse>
  subscribe(listener: (event: EventEnvelope) => void): () => void
  mediaUrl(ref: ImageRef): string
  onConnectionChange?(listener: (state: ConnectionState) => void): () => void
}
