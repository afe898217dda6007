/**
 * Pure decisions of the sidecar supervisor and the client: backoff delays, what a health answer
 * means, and what to do after the process exits. No I/O, so every rule is unit-tested.
 */

export type Backoff = { readonly baseMs: number; readonly factor: number; readonly maxMs: number }

export const RESTART_BACKOFF: Backoff = { baseMs: 500, factor: 2, maxMs: 10_000 }
export const HEALTH_POLL_BACKOFF: Backoff = { baseMs: 50, factor: 1.5, maxMs: 1_000 }
export const REQUEST_RETRY_BACKOFF: Backoff = { baseMs: 200, factor: 2, maxMs: 5_000 }

/** Delay before try number `attempt` (0-based): base·factor^attempt, capped at maxMs. */
export function backoffDelayMs(attempt: number, backoff: Backoff): number {
  return Math.min(
    backoff.maxMs,
    Math.round(backoff.baseMs * backoff.factor ** Math.max(0, attempt))
  )
}

export type HealthVerdict = 'ready' | 'loading' | 'unexpected'

/**
 * llama-server answers /health with 503 "Loading model" while loading and 200 {"status":"ok"}
 * once ready; anything else (e.g. a foreign server on the port) is unexpected.
 */
export function classifyHealth(status: number, body: string): HealthVerdict {
  if (status === 200 && /"status"\s*:\s*"ok"/.test(body)) return 'ready'
  if (status === 503) return 'loading'
  return 'unexpected'
}

export type ExitDecision =
  | { readonly action: 'stopped' }
  | { readonly action: 'restart'; readonly delayMs: number; readonly attempt: number }
  | { readonly action: 'give-up'; readonly reason: string }

export type ExitFacts = {
  /** stop() was called: the exit is the one asked for. */
  readonly stopping: boolean
  /** Restarts already made in the current crash streak. */
  readonly restarts: number
  readonly maxRestarts: number
  /** False when it died before ever answering /health (bad model, bad flags): retrying won't help. */
  readonly everReady: boolean
}

/** What the supervisor does when the llama-server process exits. */
export function decideAfterExit(facts: ExitFacts): ExitDecision {
  if (facts.stopping) return { action: 'stopped' }
  if (!facts.everReady) return { action: 'give-up', reason: 'exited before it was ready' }
  if (facts.restarts >= facts.maxRestarts) {
    return { action: 'give-up', reason: `crashed ${facts.restarts + 1} times in a row` }
  }
  return {
    action: 'restart',
    attempt: facts.restarts + 1,
    delayMs: backoffDelayMs(facts.restarts, RESTART_BACKOFF)
  }
}

/** A crash streak ends once the server has stayed up this long; the restart budget refills. */
export const STABLE_UPTIME_MS = 60_000

export function restartsAfterReady(restarts: number, uptimeMs: number): number {
  return uptimeMs >= STABLE_UPTIME_MS ? 0 : restarts
}

/** HTTP statuses worth retrying (possibly elsewhere): the server or a proxy was down or overloaded. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408
}

/** Keeps the last `capacity` lines; older lines are dropped first. */
export class LineRing {
  readonly #lines: string[] = []
  readonly #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  push(line: string): void {
    this.#lines.push(line)
    if (this.#lines.length > this.#capacity)
      this.#lines.splice(0, this.#lines.length - this.#capacity)
  }

  /** The last `limit` lines, oldest first. */
  tail(limit = this.#capacity): string[] {
    return this.#lines.slice(-limit)
  }
}
