import { createClient } from '../../src-shared/rpc/client'
import type { Client } from '../../src-shared/rpc/client'
import { createHttpTransport, takeToken } from './transports/http'
import { createIpcTransport } from './transports/ipc'
import type { HostBridge } from './transports/ipc'

declare global {
  interface Window {
    hostBridge?: HostBridge
  }
}

/** Picks the transport once: the Electron bridge when present, HTTP + WebSocket otherwise. */
function createAppClient(): Client {
  if (window.hostBridge) return createClient(createIpcTransport(window.hostBridge))
  const token = takeToken(window.location, window.sessionStorage)
  return createClient(createHttpTransport(window.location.origin, token))
}

let instance: Client | undefined

/** The one client of the app; the only module that knows a transport exists. */
export function api(): Client {
  instance ??= createAppClient()
  return instance
}

/** Tests inject a client over an in-memory transport. */
export function setApiForTests(client: Client): void {
  instance = client
}
