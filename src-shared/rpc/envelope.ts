import { z } from 'zod'

import { ERROR_CODES } from './errors'

/** One call, as it travels over any transport. */
export const RpcRequest = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  method: z.string().min(1).max(200),
  input: z.unknown()
})
export type RpcRequest = z.infer<typeof RpcRequest>

export const RpcErrorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional()
})
export type RpcErrorBody = z.infer<typeof RpcErrorBody>

export type RpcResponse =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: RpcErrorBody }

/** One pushed event, as it travels over any transport. */
export type EventEnvelope = { readonly topic: string; readonly payload: unknown }

export function okResponse(result: unknown): RpcResponse {
  return { ok: true, result }
}

export function errorResponse(error: RpcErrorBody): RpcResponse {
  return { ok: false, error }
}
