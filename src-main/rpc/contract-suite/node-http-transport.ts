import WebSocket from 'ws'

import type { EventEnvelope, RpcResponse } from '../../../src-shared/rpc/envelope'
import type { Transport } from '../../../src-shared/rpc/transport'

/**
 * A Node client over the real HTTP + WebSocket wire, for tests, the CLI and benchmarks that
 * talk to a running studio. Resolves once the event socket is open.
 */
export async function connectHttpTransport(
  origin: string,
  token: string
): Promise<Transport & { close(): void }> {
  const listeners = new Set<(event: EventEnvelope) => void>()
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/events?token=${token}`)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  socket.on('message', (data) => {
    const event = JSON.parse(String(data)) as EventEnvelope
    for (const listener of listeners) listener(event)
  })
  return {
    async request(method, input, signal) {
      const response = await fetch(`${origin}/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
        signal: signal as AbortSignal | undefined
      })
      return (await response.json()) as RpcResponse
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    mediaUrl: (ref) => `${origin}/media/${ref.thumb ? 'thumb/' : ''}${ref.sha256}`,
    close: () => socket.close()
  }
}
