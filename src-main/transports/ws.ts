import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'

import { WebSocketServer } from 'ws'

import type { Core } from '../app/compose'
import { checkRequest } from './http-guard'

/**
 * Fans the core's events out to browser clients on `/events`. The upgrade passes the same
 * Host/Origin/token guard as HTTP; a refused upgrade gets a plain HTTP status and is closed.
 */
export function attachEventSocket(
  server: Server,
  ctx: { core: Core; port: number; token: string }
): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on('upgrade', (req, socket: Duplex, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const verdict = checkRequest(req, ctx.port, ctx.token)
    if (url.pathname !== '/events' || !verdict.ok) {
      const status = !verdict.ok ? verdict.status : 404
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Refused'}\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })
  const unsubscribe = ctx.core.bus.onDidPublish((event) => {
    const data = JSON.stringify(event)
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(data)
    }
  })
  wss.on('connection', (ws) => {
    // Clients only listen; anything they send is ignored, and a heartbeat keeps proxies honest.
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
