import { randomUUID } from 'node:crypto'

import type { EndpointDto } from '../../../src-shared/contract/inference'
import { InferenceError } from './inference-errors'
import { backoffDelayMs } from './readiness'
import type { Backoff } from './readiness'
import { VlmClient, staticTarget } from './vlm-client'
import type { ChatRequest, ChatResult, EndpointTarget } from './vlm-client'

export type PoolEndpointSpec = {
  readonly id?: string
  readonly label?: string
  readonly kind?: 'local' | 'remote'
  /** Shown in listings; for a local sidecar, its current URL. */
  readonly url: string
  readonly apiKey?: string
  /** Requests in flight at most on this endpoint. */
  readonly capacity: number
  /** Overrides the target built from url/apiKey (the local sidecar waits through restarts). */
  readonly target?: EndpointTarget
  /** Client retries before the pool sets the endpoint aside; default 1 for remote endpoints. */
  readonly retries?: number
}

type Entry = {
  id: string
  label: string
  kind: 'local' | 'remote'
  url: () => string
  capacity: number
  inFlight: number
  client: VlmClient
  failures: number
  setAsideUntil: number | null
  lastError: string | null
}

/** After a failure an endpoint rests 2 s, then 4 s, … up to 60 s before it is tried again. */
const SET_ASIDE_BACKOFF: Backoff = { baseMs: 2_000, factor: 2, maxMs: 60_000 }

export type PoolResult = ChatResult & { endpointId: string }

/**
 * Spreads requests over endpoints by free capacity. Guarantees: an endpoint never has more than
 * `capacity` requests in flight; a request waits (FIFO) while every endpoint is full; an endpoint
 * whose request fails with a retryable error is set aside with growing rests and the request
 * moves to another endpoint (up to `maxAttempts` endpoints); request errors (bad image, context
 * exceeded, …) are the request's fault and are thrown at once.
 */
export class EndpointPool {
  readonly #entries = new Map<string, Entry>()
  readonly #waiters: Array<() => void> = []
  readonly #maxAttempts: number

  constructor(options: { maxAttempts?: number } = {}) {
    this.#maxAttempts = options.maxAttempts ?? 4
  }

  add(spec: PoolEndpointSpec, urlOf?: () => string): EndpointDto {
    const id = spec.id ?? randomUUID()
    const kind = spec.kind ?? 'remote'
    const target = spec.target ?? staticTarget(spec.url, spec.apiKey)
    const entry: Entry = {
      id,
      label: spec.label ?? spec.url,
      kind,
      url: urlOf ?? (() => spec.url),
      capacity: spec.capacity,
      inFlight: 0,
      // The pool does its own concurrency accounting, so the client's gate is just capacity.
      client: new VlmClient(target, { maxConcurrency: spec.capacity, retries: spec.retries ?? 1 }),
      failures: 0,
      setAsideUntil: null,
      lastError: null
    }
    this.#entries.set(id, entry)
    this.#wake()
    return this.#dto(entry)
  }

  remove(id: string): boolean {
    return this.#entries.delete(id)
  }

  list(): EndpointDto[] {
    return [...this.#entries.values()].map((e) => this.#dto(e))
  }

  async chat(req: ChatRequest): Promise<PoolResult> {
    let lastError: InferenceError | null = null
    const tried = new Set<string>()
    for (let attempt = 0; attempt < this.#maxAttempts; attempt++) {
      const entry = await this.#acquire(req.signal, tried)
      try {
        const result = await entry.client.chat(req)
        entry.failures = 0
        entry.setAsideUntil = null
        entry.lastError = null
        return { ...result, endpointId: entry.id }
      } catch (error) {
        if (!(error instanceof InferenceError) || !error.retryable) throw error
        lastError = error
        entry.lastError = error.message
        entry.setAsideUntil = Date.now() + backoffDelayMs(entry.failures, SET_ASIDE_BACKOFF)
        entry.failures++
        tried.add(entry.id)
      } finally {
        entry.inFlight--
        this.#wake()
      }
    }
    throw lastError ?? new InferenceError('unavailable', 'No endpoint could serve the request')
  }

  /** Total free capacity over usable endpoints right now. */
  freeCapacity(): number {
    const now = Date.now()
    let free = 0
    for (const e of this.#entries.values()) {
      if (!e.setAsideUntil || e.setAsideUntil <= now) free += Math.max(0, e.capacity - e.inFlight)
    }
    return free
  }

  async #acquire(signal: AbortSignal | undefined, tried: Set<string>): Promise<Entry> {
    for (;;) {
      if (signal?.aborted) throw new InferenceError('cancelled', 'The request was cancelled')
      if (this.#entries.size === 0)
        throw new InferenceError('unavailable', 'No inference endpoint is configured')
      const now = Date.now()
      const usable = [...this.#entries.values()].filter(
        (e) => !e.setAsideUntil || e.setAsideUntil <= now
      )
      // Prefer endpoints this request has not failed on, then the one with the most free room.
      const pick = usable
        .filter((e) => e.inFlight < e.capacity)
        .sort(
          (a, b) =>
            Number(tried.has(a.id)) - Number(tried.has(b.id)) ||
            b.capacity - b.inFlight - (a.capacity - a.inFlight)
        )[0]
      if (pick) {
        // Counted here, synchronously with the choice, so concurrent callers see the slot taken.
        pick.inFlight++
        return pick
      }
      const nextWake = [...this.#entries.values()]
        .map((e) => e.setAsideUntil ?? Infinity)
        .filter((t) => t > now)
      const waitMs = usable.length ? Infinity : Math.min(...nextWake) - now
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer)
          resolve()
        }
        const timer = Number.isFinite(waitMs) ? setTimeout(done, waitMs) : undefined
        this.#waiters.push(done)
        signal?.addEventListener('abort', done, { once: true })
      })
    }
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter()
  }

  #dto(e: Entry): EndpointDto {
    const resting = e.setAsideUntil && e.setAsideUntil > Date.now() ? e.setAsideUntil : null
    return {
      id: e.id,
      label: e.label,
      kind: e.kind,
      url: e.url(),
      capacity: e.capacity,
      inFlight: e.inFlight,
      setAsideUntil: resting,
      lastError: e.lastError
    }
  }
}
