import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'

import { WebSocketServer } from 'ws'

import type { Core } from '../app/compose'
import { checkRequest } from './http-guard'
import { parseRequestPath } from './request-path'

/** Clients only listen; no legitimate message comes near this. */
const MAX_FRAME_BYTES = 64 * 1024

/**
 * Fans the core's events out to browser clients on `/events`. The upgrade passes the same
 * Host/Origin/token guard as HTTP; a refused upgrade gets a plain HTTP status and is closed.
 *
 * Every socket and the server have an `error` listener: `ws` reports a bad frame (over the size
 * limit, invalid UTF-8, reserved bits) as an `error` event and closes that socket with 1009 or
 * 1007; with no listener the event would be thrown and end the whole process.
 */
export function attachEventSocket(
  server: Server,
  ctx: { core: Core; port: number; token: string; log?: (line: string) => void }
): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  wss.on('error', (error) => ctx.log?.(`[ws] server error: ${String(error)}`))
  server.on('upgrade', (req, socket: Duplex, head) => {
    socket.on('error', () => undefined)
    const verdict = checkRequest(req, ctx.port, ctx.token)
    const path = parseRequestPath(req.url)
    if (!verdict.ok) return refuse(socket, verdict.status, 'Refused')
    if (!path.ok) return refuse(socket, 400, 'Bad Request')
    if (path.pathname !== '/events') return refuse(socket, 404, 'Not Found')
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })
  const unsubscribe = ctx.core.bus.onDidPublish((event) => {
    const data = JSON.stringify(event)
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(data)
    }
  })
  wss.on('connection', (ws) => {
    // `ws` has already closed the socket with the right code; this only keeps the process up.
    ws.on('error', (error) => ctx.log?.(`[ws] client closed for a bad frame: ${error.message}`))
    // Clients only listen; anything they send is ignored.
    ws.on('message', () => undefined)
    ws.send(JSON.stringify({ topic: 'transport.hello', payload: {} }))
  })
  return {
    close() {
      unsubscribe()
      for (const client of wss.clients) client.terminate()
      wss.close()
    }
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
}
