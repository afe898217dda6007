import type { PayloadOf } from '../../../src-shared/contract'
import { RpcError } from '../../../src-shared/rpc/errors'
import type { EventBus } from '../../rpc/event-bus'
import type { Handlers } from '../../rpc/router'
import type { ProjectSession } from '../project/project-session'
import { storeFor } from '../../store/store'
import type { Store } from '../../store/store'

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

/** Lists of changed ids longer than this are left out of `pairs.changed` (clients refetch all). */
const MAX_EVENT_IDS = 1000

/** Pair and sample queries, changes, bulk ops and undo/redo over the open project. */
export function pairsHandlers(deps: {
  session: ProjectSession
  bus: EventBus
}): Pick<Handlers, PairsMethod> {
  const store = (): Store => storeFor(deps.session.require().db)
  const changed = (payload: PayloadOf<'pairs.changed'>) => {
    deps.bus.publish('pairs.changed', payload)
    deps.bus.publish('data.changed', { tables: ['pairs'], reason: payload.reason })
  }
  const getPair = (s: Store, id: number) => {
    const dto = s.pairs.dtos([id])[0]
    if (!dto) throw new RpcError('NOT_FOUND', `Pair ${id} does not exist`)
    return dto
  }
  const undoResult = (
    s: Store,
    result: ReturnType<Store['events']['undo']>,
    reason: 'undo' | 'redo'
  ) => {
    if (result) {
      changed({ reason, batchId: result.batchId, ...(result.ids ? { ids: result.ids } : {}) })
    }
    return {
      batchId: result?.batchId ?? null,
      affected: result?.affected ?? 0,
      ...(result?.ids ? { ids: result.ids } : {}),
      state: s.events.state()
    }
  }

  return {
    'pairs.list': ({ filter, sort, cursor, limit, withTotal }) => {
      const s = store()
      const page = s.query.page(filter, sort, cursor, limit)
      const total = (withTotal ?? !cursor) ? s.query.count(filter) : null
      return { rows: s.pairs.dtos(page.ids), nextCursor: page.nextCursor, total }
    },
    'pairs.get': ({ id }) => getPair(store(), id),
    'pairs.neighbors': ({ id, filter, sort }) => store().query.neighbors(id, filter, sort),
    'pairs.facets': ({ filter }) => store().facets.counts(filter),
    'pairs.update': ({ id, version, op }) => {
      const s = store()
      const { batchId } = s.changes.update(id, op, version)
      const pair = getPair(s, id)
      if (batchId) changed({ reason: 'update', ids: [id], versions: [pair.version], batchId })
      return { pair, batchId }
    },
    'pairs.bulk': ({ target, op }) => {
      const s = store()
      const result = s.changes.bulk(target, op)
      if (result.batchId) {
        const ids = 'ids' in target && target.ids.length <= MAX_EVENT_IDS ? { ids: target.ids } : {}
        changed({ reason: 'bulk', batchId: result.batchId, ...ids })
      }
      return result
    },
    'pairs.undo': () => {
      const s = store()
      return undoResult(s, s.events.undo(), 'undo')
    },
    'pairs.redo': () => {
      const s = store()
      return undoResult(s, s.events.redo(), 'redo')
    },
    'pairs.undoState': () => store().events.state(),
    'pairs.history': ({ id }) => {
      const s = store()
      if (!s.pairs.exists(id)) throw new RpcError('NOT_FOUND', `Pair ${id} does not exist`)
      return s.events.history(id)
    },
    'samples.list': ({ filter, cursor, limit }) =>
      store().samples.list(filter, cursor ?? null, limit),
    'samples.get': ({ id }) => {
      const sample = store().samples.get(id)
      if (!sample) throw new RpcError('NOT_FOUND', `Sample ${id} does not exist`)
      return sample
    }
  }
}
