import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'

import type { Core } from '../app/compose'
import { handleMediaPath } from '../media/media-handler'
import { checkRequest, tokenCookieName } from './http-guard'
import { serveStatic } from './static-files'
import { attachEventSocket } from './ws'

const MAX_BODY_BYTES = 16 * 1024 * 1024

export type HttpHost = {
  readonly url: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

export type HttpHostOptions = {
  readonly core: Core
  /** Folder of the built renderer (out/renderer). */
  readonly rendererDir: string
  /** 0 picks a free port. */
  readonly port?: number
  /** Fixed token for tests; random per run otherwise. */
  readonly token?: string
}

/**
 * Browser-mode host: RPC at `POST /rpc/<method>`, events on `/events` (WebSocket), media at
 * `/media/…`, the renderer everywhere else. Bound to 127.0.0.1 only; every request passes the
 * Host/Origin/token guard first.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port

  server.on('request', (req, res) => {
    handleRequest(req, res, { ...options, port, token }).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`Internal error: ${error instanceof Error ? error.message : String(error)}`)
    })
  })
  const sockets = attachEventSocket(server, { core: options.core, port, token })

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => closeServer(server, sockets.close)
  }
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: HttpHostOptions & { port: number; token: string }
): Promise<void> {
  const verdict = checkRequest(req, ctx.port, ctx.token)
  if (!verdict.ok) {
    res.writeHead(verdict.status, { 'content-type': 'text/plain' }).end(verdict.reason)
    return
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (url.pathname.startsWith('/rpc/')) return handleRpc(req, res, ctx.core, url.pathname.slice(5))
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  if (url.pathname.startsWith('/media/')) {
    const response = await handleMediaPath(url.pathname.slice(7), () =>
      ctx.core.session.current ? ctx.core.session.current.mediaDir : null
    )
    return sendWebResponse(response, res)
  }
  if (verdict.tokenFromQuery) {
    // The page keeps its token in a cookie so <img src="/media/…"> and reloads authenticate.
    res.setHeader(
      'set-cookie',
      `${tokenCookieName(ctx.port)}=${ctx.token}; HttpOnly; SameSite=Strict; Path=/`
    )
  }
  await serveStatic(ctx.rendererDir, url.pathname, res)
}

async function handleRpc(
  req: IncomingMessage,
  res: ServerResponse,
  core: Core,
  method: string
): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end()
    return
  }
  // A JSON content type cannot be sent cross-site without a CORS preflight, which we never grant.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    res.writeHead(415, { 'content-type': 'text/plain' }).end('Expected application/json')
    return
  }
  const body = await readBody(req)
  let input: unknown
  if (body === null) {
    res.writeHead(413, { 'content-type': 'text/plain' }).end('Body too large')
    return
  }
  try {
    input = body.length === 0 ? {} : JSON.parse(body)
  } catch {
    input = Symbol('unparseable')
  }
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const response =
    typeof input === 'symbol'
      ? { ok: false, error: { code: 'BAD_INPUT', message: 'Body is not valid JSON' } }
      : await core.router.dispatch(decodeURIComponent(method), input, {
          via: 'http',
          signal: controller.signal
        })
  const json = JSON.stringify(response)
  res.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-store'
  })
  res.end(json)
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        resolve(null)
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()))
  if (!response.body) {
    res.end()
    return
  }
  Readable.fromWeb(response.body as NodeReadableStream).pipe(res)
}

async function closeServer(server: Server, closeSockets: () => void): Promise<void> {
  closeSockets()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}
