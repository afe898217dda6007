import type { Handlers } from '../../rpc/router'
import { storeFor } from '../../store/store'
import type { ProjectSession } from '../project/project-session'

/** `compose.list`: the newest composed samples with their sources, for the Compose preview. */
export function composeHandlers(deps: { session: ProjectSession }): Pick<Handlers, 'compose.list'> {
  return {
    'compose.list': (input) => {
      const { db } = deps.session.require()
      return storeFor(db).compositions.list(input, input.limit)
    }
  }
}
