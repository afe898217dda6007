import { join } from 'node:path'

import { BrowserWindow, session, shell } from 'electron'

import { resourcePath } from '../platform/resources'
import { CONTENT_SECURITY_POLICY } from '../transports/static-files'

/**
 * The main window: isolated, sandboxed, no Node in the page, a strict CSP, and no navigation
 * away from the app (links open in the system browser only when they are http(s)).
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1280,
    minHeight: 800,
    show: false,
    title: 'Delta Studio',
    icon: resourcePath('icons/icon.png'),
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    }
  })
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          CONTENT_SECURITY_POLICY.replace("img-src 'self'", "img-src 'self' app-media:")
        ]
      }
    })
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== window.webContents.getURL()) event.preventDefault()
  })
  window.once('ready-to-show', () => window.show())
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}
