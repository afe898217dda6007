import type { z } from 'zod'

import { contract, isMethodName } from '../../src-shared/contract'
import type { Contract, MethodName, OutputOf } from '../../src-shared/contract'
import { errorResponse, okResponse } from '../../src-shared/rpc/envelope'
import type { RpcResponse } from '../../src-shared/rpc/envelope'
import { RpcError, isRpcError } from '../../src-shared/rpc/errors'
import { MAX_JSON_DEPTH, valueDepthExceeds } from './json-depth'

/** Who is calling; handlers may use the signal to stop work when the caller goes away. */
export type CallContext = {
  readonly via: 'ipc' | 'http' | 'memory' | 'cli'
  readonly signal?: AbortSignal
}

export type Handler<M extends MethodName> = (
  input: z.output<Contract[M]['input']>,
  ctx: CallContext
) => Promise<OutputOf<M>> | OutputOf<M>

/** One handler for every method of the contract; the type makes a missing one a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> }

export type Router = {
  dispatch(method: string, rawInput: unknown, ctx: CallContext): Promise<RpcResponse>
}

export type RouterOptions = {
  /** Called with unexpected (non-RpcError) failures, which reach callers only as INTERNAL. */
  onInternalError?: (method: string, error: unknown) => void
}

/**
 * Parses every input with the contract's zod schema, whatever the transport, then calls the
 * handler. Never throws: every outcome is an envelope.
 */
export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  return {
    async dispatch(method, rawInput, ctx) {
      if (!isMethodName(method)) {
        return errorResponse({ code: 'NOT_FOUND', message: `Unknown method "${method}"` })
      }
      // Before zod: no contract input nests this deep, and validating one that does would
      // recurse once per level.
      if (valueDepthExceeds(rawInput)) {
        return errorResponse({
          code: 'BAD_INPUT',
          message: `Invalid input for ${method}: nested deeper than ${MAX_JSON_DEPTH} levels`
        })
      }
      const parsed = contract[method].input.safeParse(rawInput ?? {})
      if (!parsed.success) {
        return errorResponse({
          code: 'BAD_INPUT',
          message: `Invalid input for ${method}: ${summarizeIssues(parsed.error)}`,
          details: parsed.error.issues
        })
      }
      try {
        const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown
        return okResponse(await handler(parsed.data, ctx))
      } catch (error) {
        return toErrorEnvelope(method, error, options)
      }
    }
  }
}

function toErrorEnvelope(method: string, error: unknown, options: RouterOptions): RpcResponse {
  if (isRpcError(error)) {
    return errorResponse({ code: error.code, message: error.message, details: error.details })
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return errorResponse({ code: 'CANCELLED', message: `${method} was cancelled` })
  }
  options.onInternalError?.(method, error)
  const message = error instanceof Error ? error.message : String(error)
  return errorResponse({ code: 'INTERNAL', message: `${method} failed: ${message}` })
}

function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ')
}

export { RpcError }
