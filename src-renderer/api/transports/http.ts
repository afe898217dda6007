import type { EventEnvelope, RpcResponse } from '../../../src-shared/rpc/envelope'
import type { ConnectionState, ImageRef, Transport } from '../../../src-shared/rpc/transport'

const TOKEN_KEY = 'delta-studio.token'

/** Reads the per-run token from `?token=` once, then keeps it for reloads of this tab. */
export function takeToken(location: Location, storage: Storage): string {
  const fromUrl = new URLSearchParams(location.search).get('token')
  if (fromUrl) storage.setItem(TOKEN_KEY, fromUrl)
  return fromUrl ?? storage.getItem(TOKEN_KEY) ?? ''
}

/**
 * Browser-mode transport: RPC over `fetch`, events over one WebSocket that reconnects with
 * backoff. Listeners survive reconnects; the connection state is observable for the UI.
 */
export function createHttpTransport(origin: string, token: string): Transport {
  const listeners = new Set<(event: EventEnvelope) => void>()
  const stateListeners = new Set<(state: ConnectionState) => void>()
  let state: ConnectionState = 'connecting'
  let retryMs = 250

  const setState = (next: ConnectionState): void => {
    if (next === state) return
    state = next
    for (const listener of stateListeners) listener(state)
  }

  const connect = (): void => {
    const wsUrl = `${origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`
    const socket = new WebSocket(wsUrl)
    socket.onopen = () => {
      retryMs = 250
      setState('open')
    }
    socket.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as EventEnvelope
      for (const listener of listeners) listener(event)
    }
    socket.onclose = () => {
      setState('closed')
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, 5000)
    }
  }
  connect()

  return {
    async request(method, input, signal) {
      try {
        const response = await fetch(`${origin}/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
          signal: signal as AbortSignal | undefined
        })
        if (!response.ok) {
          const code =
            response.status === 401
              ? 'UNAUTHORIZED'
              : response.status === 403
                ? 'FORBIDDEN'
                : 'UNAVAILABLE'
          return {
            ok: false,
            error: { code, message: `HTTP ${response.status}: ${await response.text()}` }
          }
        }
        return (await response.json()) as RpcResponse
      } catch (error) {
        if (signal?.aborted)
          return { ok: false, error: { code: 'CANCELLED', message: `${method} was cancelled` } }
        return {
          ok: false,
          error: { code: 'UNAVAILABLE', message: `Cannot reach the studio core: ${String(error)}` }
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    mediaUrl(ref: ImageRef) {
      return `${origin}/media/${ref.thumb ? 'thumb/' : ''}${ref.sha256}`
    },
    onConnectionChange(listener) {
      stateListeners.add(listener)
      listener(state)
      return () => stateListeners.delete(listener)
    }
  }
}
