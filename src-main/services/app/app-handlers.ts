import type { AppInfoDto } from '../../../src-shared/contract'
import type { Handlers } from '../../rpc/router'
import type { ProjectSession } from '../project/project-session'
import { STUDIO_VERSION } from '../../platform/version'

export function appHandlers(deps: {
  session: ProjectSession
  host: AppInfoDto['host']
}): Pick<Handlers, 'app.info' | 'app.ping'> {
  return {
    'app.info': () => ({
      name: 'Delta Studio',
      version: STUDIO_VERSION,
      host: deps.host,
      projectDir: deps.session.current?.dir ?? null
    }),
    'app.ping': ({ message }) => ({ message, at: Date.now() })
  }
}
