/** A request path split into its decoded pathname and its query, or why it cannot be. */
export type RequestPath =
  | { readonly ok: true; readonly pathname: string; readonly query: URLSearchParams }
  | { readonly ok: false; readonly reason: string }

/**
 * Parses and percent-decodes a request target once, for every route (RPC, media, static files,
 * WebSocket upgrades), so no handler meets an undecodable path: `decodeURIComponent` throws
 * "URI malformed" on `%E0%A4%A`, and that must be the caller's 400, not the server's 500.
 */
export function parseRequestPath(rawUrl: string | undefined): RequestPath {
  let url: URL
  try {
    url = new URL(rawUrl ?? '/', 'http://127.0.0.1')
  } catch {
    return { ok: false, reason: 'Bad request: the request target is not a valid path' }
  }
  try {
    return { ok: true, pathname: decodeURIComponent(url.pathname), query: url.searchParams }
  } catch {
    return {
      ok: false,
      reason: `Bad request: malformed percent-encoding in the path "${url.pathname.slice(0, 200)}"`
    }
  }
}
