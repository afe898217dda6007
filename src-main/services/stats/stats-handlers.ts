import type { ProjectSession } from '../project/project-session'
import type { Handlers } from '../../rpc/router'
import { projectStats } from '../../store/project-stats'

/** `stats.get`: the same statistics as `delta-studio stats --json`, for the open project. */
export function statsHandlers(deps: { session: ProjectSession }): Pick<Handlers, 'stats.get'> {
  return { 'stats.get': () => projectStats(deps.session.require().db) }
}
