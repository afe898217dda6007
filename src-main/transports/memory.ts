import type { Core } from '../app/compose'
import type { ImageRef, Transport } from '../../src-shared/rpc/transport'

/**
 * In-process transport for tests and the CLI: the same router, with inputs passed through a
 * JSON round trip so behaviour matches the wire (no Dates, no undefined, no shared objects).
 */
export function createMemoryTransport(core: Core): Transport {
  return {
    async request(method, input, signal) {
      const wireInput = input === undefined ? undefined : JSON.parse(JSON.stringify(input))
      const response = await core.router.dispatch(method, wireInput, {
        via: 'memory',
        signal: signal as AbortSignal | undefined
      })
      return JSON.parse(JSON.stringify(response))
    },
    subscribe(listener) {
      return core.bus.onDidPublish((event) => listener(JSON.parse(JSON.stringify(event))))
    },
    mediaUrl(ref: ImageRef) {
      return `/media/${ref.thumb ? 'thumb/' : ''}${ref.sha256}`
    }
  }
}
