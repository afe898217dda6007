import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { pipeline } from 'node:stream'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json'
}

/** The same policy the Electron window sets: no remote code, images only from us. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ')

/**
 * Serves the built renderer. `pathname` is already percent-decoded (see `parseRequestPath`).
 * Unknown paths without an extension get index.html so client-side routes survive a reload;
 * paths escaping the root are refused.
 */
export async function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse
): Promise<void> {
  const relative = normalize(pathname).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end('Forbidden')
    return
  }
  let info = await stat(file).catch(() => null)
  if (!info || info.isDirectory()) {
    if (extname(relative) !== '') {
      res.writeHead(404).end('Not found')
      return
    }
    file = join(root, 'index.html')
    info = await stat(file).catch(() => null)
    if (!info) {
      res.writeHead(503, { 'content-type': 'text/plain' })
      res.end('The renderer is not built. Run `npm run build`.')
      return
    }
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
  const headers: Record<string, string> = {
    'content-type': type,
    'content-length': String(info.size),
    'x-content-type-options': 'nosniff'
  }
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY
    headers['cache-control'] = 'no-store'
  } else if (/^assets[/\\]/.test(relative)) {
    // Vite names built assets by content hash: a new build gets new names, never stale bytes.
    headers['cache-control'] = 'public, max-age=31536000, immutable'
  }
  res.writeHead(200, headers)
  // pipeline, not pipe: a read error ends this response, never the process.
  pipeline(createReadStream(file), res, () => undefined)
}
