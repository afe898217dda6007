/** Live counters of one job attempt, and the rates derived from them. */
export class ProgressMeter {
  done: number
  total = 0
  tokens = 0
  message: string | null = null
  stats: Record<string, unknown> | null = null
  readonly #startDone: number
  readonly #startedAt: number
  readonly #now: () => number

  constructor(initialDone: number, now: () => number = () => performance.now()) {
    this.done = initialDone
    this.#startDone = initialDone
    this.#now = now
    this.#startedAt = now()
  }

  /**
   * Units and tokens per second over this attempt only, and the seconds left at that rate.
   * Null until at least one unit was done in this attempt (no rate can be estimated before).
   */
  rates(): {
    itemsPerSecond: number | null
    tokensPerSecond: number | null
    etaSeconds: number | null
  } {
    const seconds = (this.#now() - this.#startedAt) / 1000
    const units = this.done - this.#startDone
    if (seconds <= 0 || units <= 0) {
      return {
        itemsPerSecond: null,
        tokensPerSecond: seconds > 0 && this.tokens > 0 ? this.tokens / seconds : null,
        etaSeconds: null
      }
    }
    const itemsPerSecond = units / seconds
    return {
      itemsPerSecond,
      tokensPerSecond: this.tokens / seconds,
      etaSeconds: Math.max(0, this.total - this.done) / itemsPerSecond
    }
  }
}

/**
 * Calls `flush` at most once per `intervalMs`, and always for the last change of a burst:
 * a change inside the window schedules one trailing call, so the final state is never lost.
 */
export class Throttle {
  #last = -Infinity
  #timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void
  ) {}

  poke(): void {
    if (this.#timer) return
    const wait = this.#last + this.intervalMs - performance.now()
    if (wait <= 0) {
      this.now()
      return
    }
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.now()
    }, wait)
  }

  /** Flushes immediately and cancels any pending trailing call. */
  now(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#last = performance.now()
    this.flush()
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }
}
