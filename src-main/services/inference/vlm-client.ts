import { modelReadableDataUri } from '../../media/model-image'
import { sniffImageType } from '../../media/sniff-image-type'
import { InferenceError, errorFromResponse } from './inference-errors'
import { REQUEST_RETRY_BACKOFF, backoffDelayMs, isRetryableStatus } from './readiness'

/** Where requests go; resolve() may wait (e.g. for a restarting sidecar) and may throw. */
export type EndpointTarget = {
  resolve(signal?: AbortSignal): Promise<{ url: string; apiKey?: string }>
}

export function staticTarget(url: string, apiKey?: string): EndpointTarget {
  const base = url.replace(/\/+$/, '').replace(/\/v1$/, '')
  return { resolve: async () => ({ url: base, apiKey }) }
}

/** An image as bytes (type sniffed) or as a ready `data:image/…;base64,…` URI. */
export type ImageInput = Uint8Array | { readonly dataUri: string }

/** One part of a user message that interleaves text and images: `image` indexes `images`. */
export type ContentPart = { readonly text: string } | { readonly image: number }

export type ChatRequest = {
  readonly images: readonly ImageInput[]
  readonly question: string
  /**
   * The user message as interleaved parts (`{text}` or `{image: index into images}`), for
   * prompts that label each image (`Image1: <image> Image2: <image> … question`); when given,
   * `question` and `layout` are not used to build the message.
   */
  readonly parts?: readonly ContentPart[]
  readonly system?: string
  /** `images-first` (LLaVA style, default) or `question-first` (shares the prompt prefix across images). */
  readonly layout?: 'images-first' | 'question-first'
  readonly maxTokens?: number
  /** Default 0 (greedy). */
  readonly temperature?: number
  readonly seed?: number
  /** >0 asks for logprobs with that many alternatives per token; 0/absent: none. */
  readonly topLogprobs?: number
  /** Extra llama.cpp fields (ignore_eos, cache_prompt, …), sent as given. */
  readonly extra?: Readonly<Record<string, unknown>>
  readonly signal?: AbortSignal
  /** Per try; default 10 minutes. */
  readonly timeoutMs?: number
}

export type TokenLogprob = {
  token: string
  logprob: number
  bytes: number[] | null
  top: Array<{ token: string; logprob: number }>
}

export type ChatResult = {
  text: string
  finishReason: string | null
  promptTokens: number
  completionTokens: number
  /**
   * Raw-logit logprobs per emitted piece (null when not asked for). llama-server merges the byte
   * tokens of an unfinished UTF-8 character into one piece, so there can be fewer entries than
   * completionTokens; the first entry is always the first generated token (what a judge reads).
   */
  logprobs: TokenLogprob[] | null
  timings: { promptMs: number; predictedMs: number; predictedPerSecond: number } | null
  model: string | null
}

export type VlmClientOptions = {
  /** Requests in flight at most (about the server's slots); default 2. */
  readonly maxConcurrency?: number
  /** Extra tries after connection errors and 5xx; default 3. */
  readonly retries?: number
}

function toDataUri(image: ImageInput): string {
  if ('dataUri' in image) return image.dataUri
  const bytes = image instanceof Uint8Array ? image : new Uint8Array(image)
  return `data:${sniffImageType(bytes.subarray(0, 16))};base64,${Buffer.from(bytes).toString('base64')}`
}

/** The /v1/chat/completions body for a request (exported for tests and request logs). */
export function chatBody(req: ChatRequest): Record<string, unknown> {
  const images = req.images.map((image) => ({
    type: 'image_url',
    image_url: { url: toDataUri(image) }
  }))
  const text = { type: 'text', text: req.question }
  const content = req.parts
    ? req.parts.map((part) => {
        if ('text' in part) return { type: 'text', text: part.text }
        const image = images[part.image]
        if (!image) throw new InferenceError('bad_request', `No image ${part.image} in the request`)
        return image
      })
    : req.layout === 'question-first'
      ? [text, ...images]
      : [...images, text]
  const messages: unknown[] = req.system ? [{ role: 'system', content: req.system }] : []
  messages.push({ role: 'user', content })
  const body: Record<string, unknown> = {
    messages,
    max_tokens: req.maxTokens ?? 256,
    temperature: req.temperature ?? 0,
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
    ...(req.topLogprobs ? { logprobs: true, top_logprobs: req.topLogprobs } : {})
  }
  return { ...body, ...req.extra }
}

type RawLogprob = {
  token: string
  logprob: number
  bytes?: number[]
  top_logprobs?: Array<{ token: string; logprob: number }>
}
type RawResponse = {
  model?: string
  choices?: Array<{
    finish_reason?: string
    message?: { content?: string }
    logprobs?: { content?: RawLogprob[] }
  }>
  usage?: { prompt_tokens?: number; completion_tokens?: number }
  timings?: { prompt_ms?: number; predicted_ms?: number; predicted_per_second?: number }
}

function parseResult(raw: RawResponse, wantLogprobs: boolean): ChatResult {
  const choice = raw.choices?.[0]
  if (!choice) throw new InferenceError('server', 'The server answered without choices')
  const content = choice.logprobs?.content
  return {
    text: choice.message?.content ?? '',
    finishReason: choice.finish_reason ?? null,
    promptTokens: raw.usage?.prompt_tokens ?? 0,
    completionTokens: raw.usage?.completion_tokens ?? 0,
    logprobs:
      wantLogprobs && content
        ? content.map((c) => ({
            token: c.token,
            logprob: c.logprob,
            bytes: c.bytes ?? null,
            top: (c.top_logprobs ?? []).map((t) => ({ token: t.token, logprob: t.logprob }))
          }))
        : null,
    timings: raw.timings
      ? {
          promptMs: raw.timings.prompt_ms ?? 0,
          predictedMs: raw.timings.predicted_ms ?? 0,
          predictedPerSecond: raw.timings.predicted_per_second ?? 0
        }
      : null,
    model: raw.model ?? null
  }
}

/** A counting semaphore; waiters are served in FIFO order. */
export class Semaphore {
  #free: number
  readonly #queue: Array<() => void> = []
  constructor(count: number) {
    this.#free = count
  }
  async acquire(): Promise<() => void> {
    if (this.#free > 0) this.#free--
    else await new Promise<void>((resolve) => this.#queue.push(resolve))
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.#queue.shift()
      if (next) next()
      else this.#free++
    }
  }
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

/**
 * OpenAI-compatible chat client for vision requests. Guarantees: at most `maxConcurrency`
 * requests in flight; connection errors and retryable statuses are retried with backoff (the
 * target is re-resolved, so a restarted sidecar is picked up); every failure is an
 * InferenceError with a stable `kind`; the caller's AbortSignal cancels at once (kind cancelled).
 */
export class VlmClient {
  readonly #target: EndpointTarget
  readonly #gate: Semaphore
  readonly #retries: number

  constructor(target: EndpointTarget, options: VlmClientOptions = {}) {
    this.#target = target
    this.#gate = new Semaphore(options.maxConcurrency ?? 2)
    this.#retries = options.retries ?? 3
  }

  async chat(req: ChatRequest): Promise<ChatResult> {
    const release = await this.#gate.acquire()
    try {
      // What the server cannot decode itself (WebP, TIFF, AVIF…) goes as PNG.
      const images = await Promise.all(
        req.images.map(async (image) => ({ dataUri: await modelReadableDataUri(image) }))
      )
      const body = JSON.stringify(chatBody({ ...req, images }))
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.#once(body, req)
        } catch (error) {
          const typed = toInferenceError(error, req.signal)
          if (!typed.retryable || attempt >= this.#retries) throw typed
          await sleep(backoffDelayMs(attempt, REQUEST_RETRY_BACKOFF), req.signal)
          if (req.signal?.aborted)
            throw new InferenceError('cancelled', 'The request was cancelled')
        }
      }
    } finally {
      release()
    }
  }

  async #once(body: string, req: ChatRequest): Promise<ChatResult> {
    const { url, apiKey } = await this.#target.resolve(req.signal)
    const timeout = AbortSignal.timeout(req.timeoutMs ?? 600_000)
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {})
      },
      body,
      signal
    })
    const text = await res.text()
    if (!res.ok) {
      const error = errorFromResponse(res.status, text)
      // 408/429 from a proxy mean "try again", whatever the body says.
      if (isRetryableStatus(res.status) && !error.retryable) {
        throw new InferenceError('server', error.message, res.status)
      }
      throw error
    }
    return parseResult(JSON.parse(text) as RawResponse, Boolean(req.topLogprobs))
  }
}

function toInferenceError(error: unknown, signal?: AbortSignal): InferenceError {
  if (error instanceof InferenceError) return error
  if (signal?.aborted) return new InferenceError('cancelled', 'The request was cancelled')
  const e = error as Error
  if (e?.name === 'TimeoutError') return new InferenceError('timeout', 'The request timed out')
  if (e?.name === 'SidecarUnavailableError') return new InferenceError('unavailable', e.message)
  // fetch() failures (refused, reset mid-response, DNS) are TypeErrors with a cause.
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause
  return new InferenceError(
    'unavailable',
    `Cannot reach the endpoint: ${cause?.code ?? cause?.message ?? e?.message ?? String(error)}`
  )
}
