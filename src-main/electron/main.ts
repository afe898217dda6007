import { app, ipcMain } from 'electron'
import type { BrowserWindow } from 'electron'

import { createCore } from '../app/compose'
import { attachIpc } from '../transports/electron-ipc'
import { handleMediaProtocol, registerMediaScheme } from './media-protocol'
import { attachPathDialog } from './path-dialog'
import { createMainWindow } from './window'

registerMediaScheme()

/** Desktop entry: one core, the IPC transport, one window. Quitting disposes the core. */
async function main(): Promise<void> {
  await app.whenReady()
  const projectDir = process.argv.find((arg, i) => i > 1 && !arg.startsWith('-'))
  const core = createCore({ host: 'electron', projectDir, log: (line) => console.error(line) })
  handleMediaProtocol(core)
  const windows = new Set<BrowserWindow>()
  const detach = attachIpc(
    ipcMain,
    core,
    () => [...windows].map((w) => w.webContents),
    (sender) => [...windows].some((w) => w.webContents === sender)
  )
  const detachDialog = attachPathDialog(ipcMain, (sender) =>
    [...windows].some((w) => w.webContents === sender)
  )
  const open = (): void => {
    const window = createMainWindow()
    windows.add(window)
    window.on('closed', () => windows.delete(window))
  }
  open()
  app.on('activate', () => {
    if (windows.size === 0) open()
  })
  app.on('window-all-closed', () => app.quit())
  let disposed = false
  app.on('will-quit', (event) => {
    if (disposed) return
    event.preventDefault()
    detach()
    detachDialog()
    void core.dispose().finally(() => {
      disposed = true
      app.quit()
    })
  })
}

void main()
