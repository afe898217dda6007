/**
 * Why an inference request failed, stable enough to branch on:
 * - bad_image: the server could not decode an image (400 "Failed to load image…", bad data URI)
 * - context_exceeded: prompt plus image tokens do not fit the slot context
 * - bad_request: any other 4xx about the request itself
 * - auth: wrong or missing API key (401/403)
 * - unavailable: connection refused/reset, sidecar down, or restarts exhausted
 * - server: 5xx after the retries
 * - timeout: the per-request timeout elapsed
 * - cancelled: the caller's AbortSignal fired
 */
export type InferenceErrorKind =
  | 'bad_image'
  | 'context_exceeded'
  | 'bad_request'
  | 'auth'
  | 'unavailable'
  | 'server'
  | 'timeout'
  | 'cancelled'

export class InferenceError extends Error {
  override readonly name = 'InferenceError'
  readonly kind: InferenceErrorKind
  /** HTTP status when the server answered. */
  readonly status: number | null
  /** For context_exceeded: tokens of the prompt and the slot context, when the server said. */
  readonly details: { nPromptTokens?: number; nCtx?: number } | null

  constructor(
    kind: InferenceErrorKind,
    message: string,
    status: number | null = null,
    details: InferenceError['details'] = null
  ) {
    super(message)
    this.kind = kind
    this.status = status
    this.details = details
  }

  /** Whether another try (maybe on another endpoint) can succeed. */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'server' || this.kind === 'timeout'
  }
}

type ErrorBody = {
  error?: {
    code?: number
    message?: string
    type?: string
    n_prompt_tokens?: number
    n_ctx?: number
  }
}

/** Maps a llama-server/OpenAI error answer (status + body text) to a typed error. */
export function errorFromResponse(status: number, bodyText: string): InferenceError {
  let body: ErrorBody = {}
  try {
    body = JSON.parse(bodyText) as ErrorBody
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the raw text as the message.
  }
  const message = body.error?.message ?? (bodyText.slice(0, 500) || `HTTP ${status}`)
  const type = body.error?.type ?? ''
  if (status === 401 || status === 403) return new InferenceError('auth', message, status)
  if (type === 'exceed_context_size_error' || /exceeds the available context size/i.test(message)) {
    return new InferenceError('context_exceeded', message, status, {
      nPromptTokens: body.error?.n_prompt_tokens,
      nCtx: body.error?.n_ctx
    })
  }
  if (status >= 400 && status < 500) {
    const imageProblem = /image|uri format|base64|multimodal|media/i.test(message)
    return new InferenceError(imageProblem ? 'bad_image' : 'bad_request', message, status)
  }
  return new InferenceError(status === 503 ? 'unavailable' : 'server', message, status)
}
