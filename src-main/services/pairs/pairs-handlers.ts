import type { Handlers } from '../../rpc/router'
import type { EventBus } from '../../rpc/event-bus'
import type { ProjectSession } from '../../project/project-session'
import { RpcError } from '../../../src-shared/rpc/errors'

type PairsMethod =
  | 'pairs.list'
  | 'pairs.get'
  | 'pairs.neighbors'
  | 'pairs.facets'
  | 'pairs.update'
  | 'pairs.bulk'
  | 'pairs.undo'
  | 'pairs.redo'
  | 'pairs.undoState'
  | 'pairs.history'
  | 'samples.list'
  | 'samples.get'

const pending = (): never => {
  throw new RpcError('UNAVAILABLE', 'The project store is being implemented (issue 3)')
}

/** Pair and sample queries, changes, bulk ops and undo/redo over the open project. */
export function pairsHandlers(_deps: {
  session: ProjectSession
  bus: EventBus
}): Pick<Handlers, PairsMethod> {
  return {
    'pairs.list': pending,
    'pairs.get': pending,
    'pairs.neighbors': pending,
    'pairs.facets': pending,
    'pairs.update': pending,
    'pairs.bulk': pending,
    'pairs.undo': pending,
    'pairs.redo': pending,
    'pairs.undoState': pending,
    'pairs.history': pending,
    'samples.list': pending,
    'samples.get': pending
  }
}
