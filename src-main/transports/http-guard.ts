import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export type GuardVerdict =
  | { readonly ok: true; readonly tokenFromQuery: boolean }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string }

export function tokenCookieName(port: number): string {
  // Cookies ignore ports, so two studios on one machine need distinct names.
  return `ds_token_${port}`
}

/**
 * Decides whether a loopback request may reach the core. Order matters: a foreign Host
 * (DNS rebinding) or Origin (another site in the same browser) is refused with 403 before
 * the token is looked at; a missing or wrong token then gives 401.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string): GuardVerdict {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
  const host = req.headers.host ?? ''
  if (!allowedHosts.has(host)) {
    return { ok: false, status: 403, reason: `Host "${host}" is not this studio` }
  }
  const origin = req.headers.origin
  if (origin !== undefined && !allowedHosts.has(originHost(origin))) {
    return { ok: false, status: 403, reason: `Origin "${origin}" is not allowed` }
  }
  const fromQuery = queryToken(req.url)
  if (fromQuery !== null && safeEqual(fromQuery, token)) return { ok: true, tokenFromQuery: true }
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
  if (bearer !== undefined && safeEqual(bearer, token)) return { ok: true, tokenFromQuery: false }
  const cookie = readCookie(req.headers.cookie, tokenCookieName(port))
  if (cookie !== undefined && safeEqual(cookie, token)) return { ok: true, tokenFromQuery: false }
  return { ok: false, status: 401, reason: 'Missing or wrong token' }
}

function queryToken(rawUrl: string | undefined): string | null {
  try {
    return new URL(rawUrl ?? '/', 'http://localhost').searchParams.get('token')
  } catch {
    // An unparseable target carries no token; the path check after the guard explains it.
    return null
  }
}

function originHost(origin: string): string {
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' ? url.host : ''
  } catch {
    return ''
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
