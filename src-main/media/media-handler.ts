import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { Readable } from 'node:stream'

import { isSha256Hex, mediaFilePath, thumbFilePath } from './media-paths'
import { sniffImageType } from './sniff-image-type'

export type MediaRoot = () => string | null

/**
 * Serves `<prefix>/<sha256>` and `<prefix>/thumb/<sha256>` from the open project's media folder.
 * Only 64-hex names are accepted, so no request can name a path outside the project. Shared by
 * the Electron custom protocol and the HTTP host: both hand it a pathname.
 */
export async function handleMediaPath(pathname: string, mediaRoot: MediaRoot): Promise<Response> {
  const mediaDir = mediaRoot()
  if (!mediaDir) return new Response('No project is open', { status: 404 })
  const parts = pathname.split('/').filter(Boolean)
  const isThumb = parts.length === 2 && parts[0] === 'thumb'
  const sha = isThumb ? parts[1] : parts.length === 1 ? parts[0] : undefined
  if (!sha || !isSha256Hex(sha)) return new Response('Not found', { status: 404 })
  const file = isThumb ? thumbFilePath(mediaDir, sha) : mediaFilePath(mediaDir, sha)
  try {
    const info = await stat(file)
    const contentType = isThumb ? 'image/webp' : await sniffFile(file)
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': contentType,
        'content-length': String(info.size),
        // Content-addressed: the bytes behind a name never change.
        'cache-control': 'private, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff'
      }
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}

async function sniffFile(file: string): Promise<string> {
  const handle = await open(file, 'r')
  try {
    const head = new Uint8Array(16)
    await handle.read(head, 0, 16, 0)
    return sniffImageType(head)
  } finally {
    await handle.close()
  }
}
