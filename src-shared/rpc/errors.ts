/**
 * Stable error codes that cross every transport. Callers branch on `code`, never on `message`.
 */
export const ERROR_CODES = [
  'BAD_INPUT', // input failed schema validation or a domain rule
  'NOT_FOUND', // unknown method, or a referenced item does not exist
  'CONFLICT', // the item changed underneath the caller, or a unique rule was hit
  'UNAUTHORIZED', // missing or wrong token
  'FORBIDDEN', // foreign origin or a path outside the project
  'UNAVAILABLE', // a dependency (sidecar, endpoint) is not ready
  'CANCELLED', // the caller or the user cancelled the work
  'NO_PROJECT', // the method needs an open project
  'INTERNAL' // a bug: anything not classified above
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** An error that carries a stable code; the router turns it into an error envelope. */
export class RpcError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'RpcError'
    this.code = code
    this.details = details
  }
}

export function isRpcError(value: unknown): value is RpcError {
  return value instanceof RpcError
}
