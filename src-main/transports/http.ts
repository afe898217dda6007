import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable, pipeline } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'

import type { Core } from '../app/compose'
import { handleMediaPath } from '../media/media-handler'
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../rpc/json-depth'
import { checkRequest, tokenCookieName } from './http-guard'
import { parseRequestPath } from './request-path'
import { serveStatic } from './static-files'
import { attachEventSocket } from './ws'

const MAX_BODY_BYTES = 16 * 1024 * 1024
/** How long the rest of a refused body is drained before its connection is closed. */
const OVERSIZED_LINGER_MS = 2000

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
  /** Where failures that reach no caller (a server or socket error) are reported. */
  readonly log?: (line: string) => void
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
    // A client that resets mid-request must not become an unhandled 'error' event.
    req.on('error', () => undefined)
    res.on('error', () => undefined)
    handleRequest(req, res, { ...options, port, token }).catch((error: unknown) => {
      options.log?.(`[http] ${req.method} ${req.url}: ${String(error)}`)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`Internal error: ${error instanceof Error ? error.message : String(error)}`)
    })
  })
  server.on('error', (error) => options.log?.(`[http] server error: ${String(error)}`))
  const sockets = attachEventSocket(server, { core: options.core, port, token, log: options.log })

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
  const path = parseRequestPath(req.url)
  if (!path.ok) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(path.reason)
    return
  }
  const { pathname } = path
  if (pathname.startsWith('/rpc/')) return handleRpc(req, res, ctx.core, pathname.slice(5))
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  if (pathname.startsWith('/media/')) {
    const response = await handleMediaPath(pathname.slice(7), () =>
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
  await serveStatic(ctx.rendererDir, pathname, res)
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
  if (body === null) return refuseOversized(req, res)
  const input = parseBody(body)
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const response =
    'error' in input
      ? { ok: false, error: { code: 'BAD_INPUT', message: input.error } }
      : await core.router.dispatch(method, input.value, {
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

function parseBody(body: string): { value: unknown } | { error: string } {
  if (body.length === 0) return { value: {} }
  if (jsonDepthExceeds(body)) {
    return { error: `Body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels` }
  }
  try {
    return { value: JSON.parse(body) as unknown }
  } catch {
    return { error: 'Body is not valid JSON' }
  }
}

/**
 * Answers 413 at once, then discards what the client is still sending for a moment before
 * closing the connection, so a client busy writing its body reads the answer instead of a reset.
 * The rest of the body is never parsed, so the connection is not reused.
 */
function refuseOversized(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(413, { 'content-type': 'text/plain' })
  res.end(`Body too large: RPC bodies are limited to ${MAX_BODY_BYTES} bytes`)
  res.once('finish', () => {
    const socket = req.socket
    const timer = setTimeout(() => socket.destroy(), OVERSIZED_LINGER_MS)
    socket.once('close', () => clearTimeout(timer))
    req.resume()
    req.once('end', () => socket.destroySoon())
  })
}

/**
 * The request body as text, or null when it is larger than the limit: refused on its declared
 * `Content-Length` before a byte is read, or (chunked) as soon as the bytes counted pass it.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData)
        resolve(null)
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
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
  // pipeline, not pipe: a read error (a file removed mid-response) ends this response only.
  pipeline(Readable.fromWeb(response.body as NodeReadableStream), res, () => undefined)
}

async function closeServer(server: Server, closeSockets: () => void): Promise<void> {
  closeSockets()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}
