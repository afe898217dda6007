import type { IpcMain, WebContents } from 'electron'

import type { Core } from '../app/compose'
import { RpcRequest } from '../../src-shared/rpc/envelope'
import { errorResponse } from '../../src-shared/rpc/envelope'

/**
 * Electron IPC adapter: `rpc` invocations go to the router; bus events go to every window.
 * Only envelopes move here; validation happens in the router as for HTTP.
 */
export function attachIpc(
  ipcMain: IpcMain,
  core: Core,
  targets: () => WebContents[],
  isTrustedSender: (sender: WebContents) => boolean
): () => void {
  ipcMain.handle('rpc', async (event, raw: unknown) => {
    if (!isTrustedSender(event.sender)) {
      return errorResponse({ code: 'FORBIDDEN', message: 'Untrusted sender' })
    }
    const envelope = RpcRequest.safeParse(raw)
    if (!envelope.success) return errorResponse({ code: 'BAD_INPUT', message: 'Bad envelope' })
    return core.router.dispatch(envelope.data.method, envelope.data.input, { via: 'ipc' })
  })
  const unsubscribe = core.bus.onDidPublish((event) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send('rpc:event', event)
    }
  })
  return () => {
    unsubscribe()
    ipcMain.removeHandler('rpc')
  }
}
