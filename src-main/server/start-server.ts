import { createCore } from '../app/compose'
import type { Core } from '../app/compose'
import { rendererDir } from '../platform/paths'
import { startHttpHost } from '../transports/http'
import type { HttpHost } from '../transports/http'

export type RunningServer = { readonly core: Core; readonly http: HttpHost; stop(): Promise<void> }

/** Headless host: the core behind HTTP + WebSocket on 127.0.0.1, serving the built renderer. */
export async function startServer(options: {
  projectDir: string
  port?: number
  token?: string
  rendererDir?: string
  log?: (line: string) => void
}): Promise<RunningServer> {
  const core = createCore({ host: 'server', projectDir: options.projectDir, log: options.log })
  try {
    const http = await startHttpHost({
      core,
      port: options.port,
      token: options.token,
      log: options.log,
      rendererDir: options.rendererDir ?? rendererDir()
    })
    let stopping: Promise<void> | undefined
    return {
      core,
      http,
      stop: () => (stopping ??= http.close().then(() => core.dispose()))
    }
  } catch (error) {
    await core.dispose()
    throw error
  }
}
