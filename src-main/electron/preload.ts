import { contextBridge, ipcRenderer } from 'electron'

import type { EventEnvelope, RpcResponse } from '../../src-shared/rpc/envelope'

/**
 * The only surface the renderer sees: `call` and `subscribe`. No Node, no ipcRenderer, no
 * channel names leak into the page.
 */
const hostBridge = {
  call: (method: string, input: unknown): Promise<RpcResponse> =>
    ipcRenderer.invoke('rpc', { method, input }) as Promise<RpcResponse>,
  subscribe: (listener: (event: EventEnvelope) => void): (() => void) => {
    const handler = (_: unknown, event: EventEnvelope): void => listener(event)
    ipcRenderer.on('rpc:event', handler)
    return () => ipcRenderer.removeListener('rpc:event', handler)
  },
  /** The native open dialog; resolves to the chosen path, or null when cancelled. */
  pickPath: (kind: 'file' | 'folder' | 'any'): Promise<string | null> =>
    ipcRenderer.invoke('dialog:pick', kind) as Promise<string | null>
}

contextBridge.exposeInMainWorld('hostBridge', hostBridge)
