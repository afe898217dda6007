import type { Handlers } from '../../rpc/router'
import { RpcError } from '../../../src-shared/rpc/errors'
import type { InferenceService } from './inference-service'
import { LOCAL_ENDPOINT_ID } from './inference-service'
import { modelCatalog } from './model-catalog'

type InferenceMethods =
  | 'sidecar.status'
  | 'sidecar.logs'
  | 'sidecar.start'
  | 'sidecar.stop'
  | 'endpoints.list'
  | 'endpoints.add'
  | 'endpoints.remove'
  | 'catalog.models'

/** RPC handlers of the sidecar and the endpoint pool; inputs arrive zod-parsed by the router. */
export function inferenceHandlers(deps: {
  inference: InferenceService
}): Pick<Handlers, InferenceMethods> {
  const { inference } = deps
  return {
    'sidecar.status': () => inference.status(),
    'catalog.models': () => modelCatalog(),
    'sidecar.logs': ({ limit }) => ({ lines: inference.logs(limit) }),
    'sidecar.start': (input) => inference.startSidecar(input),
    'sidecar.stop': () => inference.stopSidecar(),
    'endpoints.list': () => inference.pool.list(),
    'endpoints.add': (input) => inference.pool.add({ ...input, kind: 'remote' }),
    'endpoints.remove': ({ id }) => {
      if (id === LOCAL_ENDPOINT_ID) {
        throw new RpcError('BAD_INPUT', 'The local sidecar leaves the pool with sidecar.stop')
      }
      return { removed: inference.pool.remove(id) }
    }
  }
}
