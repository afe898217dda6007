import { protocol } from 'electron'

import type { Core } from '../app/compose'
import { handleMediaPath } from '../media/media-handler'

export const MEDIA_SCHEME = 'app-media'

/** Must run before the app is ready: lets the renderer use app-media:// in <img>. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves only content-addressed files of the open project (see media-handler). */
export function handleMediaProtocol(core: Core): void {
  protocol.handle(MEDIA_SCHEME, (request) => {
    const url = new URL(request.url)
    return handleMediaPath(
      `${url.host}${url.pathname}`,
      () => core.session.current?.mediaDir ?? null
    )
  })
}
