/**
 * Runs async tasks with at most `limit` in flight: `run` waits only when the pool is full, so a
 * producer loop keeps memory bounded while still overlapping I/O and decoding.
 */
export class BoundedTasks {
  readonly #inFlight = new Set<Promise<void>>()
  readonly #limit: number
  #error: unknown = null

  constructor(limit: number) {
    this.#limit = limit
  }

  async run(task: () => Promise<void>): Promise<void> {
    if (this.#error) throw this.#error
    while (this.#inFlight.size >= this.#limit) await Promise.race(this.#inFlight)
    const promise: Promise<void> = task()
      .catch((error: unknown) => {
        this.#error ??= error
      })
      .finally(() => this.#inFlight.delete(promise))
    this.#inFlight.add(promise)
  }

  /** Waits for every task; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight)
    if (this.#error) throw this.#error
  }
}
