import { BrowserWindow, dialog } from 'electron'
import type { IpcMain } from 'electron'

export type PickKind = 'file' | 'folder' | 'any'

/**
 * The desktop file picker behind `hostBridge.pickPath`: Electron's native open dialog, for
 * trusted windows only. Browser mode has no such bridge and uses the core's `files.list`.
 */
export function attachPathDialog(
  ipcMain: IpcMain,
  isTrustedSender: (sender: Electron.WebContents) => boolean
): () => void {
  ipcMain.handle('dialog:pick', async (event, raw: unknown) => {
    if (!isTrustedSender(event.sender)) return null
    const kind: PickKind = raw === 'folder' || raw === 'file' ? raw : 'any'
    const window = BrowserWindow.fromWebContents(event.sender)
    const properties: Array<'openFile' | 'openDirectory'> =
      kind === 'folder'
        ? ['openDirectory']
        : kind === 'file'
          ? ['openFile']
          : ['openFile', 'openDirectory']
    const result = window
      ? await dialog.showOpenDialog(window, { properties })
      : await dialog.showOpenDialog({ properties })
    return result.canceled ? null : (result.filePaths[0] ?? null)
  })
  return () => ipcMain.removeHandler('dialog:pick')
}
