import type { InputOf, MethodName, OutputOf } from '../../../src-shared/contract'
import type { Core } from '../compose'

/**
 * Calls the core's router as a transport would (input parsed by the contract), for service tests
 * that may not import a transport: resolves the result, rejects with the error body.
 */
export function coreCaller(core: Core) {
  return async <M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const response = await core.router.dispatch(method, input, { via: 'memory' })
    if (!response.ok) throw Object.assign(new Error(response.error.message), response.error)
    return response.result as OutputOf<M>
  }
}
