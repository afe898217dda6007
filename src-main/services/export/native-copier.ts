import Database from 'better-sqlite3'

import type { CopyJob, FileCopier } from './copy-worker'

/**
 * Copy threads at once. Like a plain parallel copy (the bench's baseline): one copy at a time is
 * latency-bound on file creation and leaves a core idle.
 */
export const NATIVE_COPY_THREADS = 8
/**
 * The copy threads' nice value. At 10 a thread weighs about a tenth of the main thread for the
 * scheduler, so a plan running beside the copies keeps its core; once the main thread waits, the
 * copies have both cores and run as fast as at full priority.
 */
export const NATIVE_COPY_NICE = 10
/** How often completions are collected while copies are outstanding. */
const POLL_MS = 4

type Poll = { done: number; running: number; failed: [number, string] | null }

/**
 * Copies files on native threads at a lowered priority (native/file-copy.c), through the export
 * extension loaded into an in-memory connection of its own. Same contract as `CopyWorker`: each
 * copy's promise settles when that copy is known to be complete (collected every few
 * milliseconds), or rejects with the reason it failed; after a failure no new copy starts.
 */
export class NativeCopier implements FileCopier {
  readonly #db: Database.Database
  readonly #add: Database.Statement
  readonly #poll: Database.Statement
  /** Every job, at its number; those below `#settled` have settled. */
  readonly #jobs: CopyJob[] = []
  #settled = 0
  #queued = 0
  #outgoing: string[] = []
  #timer: NodeJS.Timeout | null = null
  #ended: Error | null = null
  #stopped: Promise<void> | null = null

  constructor(extension: string, threads = NATIVE_COPY_THREADS, nice = NATIVE_COPY_NICE) {
    this.#db = new Database(':memory:')
    try {
      this.#db.loadExtension(extension)
      this.#db.prepare('SELECT delta_copy_begin(?, ?)').get(threads, nice)
    } catch (error) {
      this.#db.close()
      throw error
    }
    this.#add = this.#db.prepare('SELECT delta_copy_add(?)').pluck()
    this.#poll = this.#db.prepare('SELECT delta_copy_poll()').pluck()
  }

  copy(source: string, target: string): Promise<void> {
    if (this.#ended) return Promise.reject(this.#ended)
    if (source.includes('\0') || target.includes('\0')) {
      return Promise.reject(new Error(`a path holds a NUL character: ${JSON.stringify(source)}`))
    }
    const promise = new Promise<void>((resolve, reject) => this.#jobs.push({ resolve, reject }))
    // Jobs go out in one call per turn of the event loop, not one per image.
    if (this.#outgoing.length === 0) setImmediate(() => this.#send())
    this.#outgoing.push(source, target)
    return promise
  }

  /** The threads stay at their number; their priority already leaves the main thread room. */
  setConcurrency(): void {}

  /**
   * Drops the copies not started, waits for those running and ends the threads; every copy not
   * done rejects with `reason`. Never throws.
   */
  async stop(reason: Error): Promise<void> {
    this.#stopped ??= this.#stopAll(reason)
    await this.#stopped
  }

  async #stopAll(reason: Error): Promise<void> {
    this.#ended ??= reason
    this.#outgoing = []
    this.#db.prepare('SELECT delta_copy_stop()').get()
    while (this.#collect().running > 0) await new Promise((wake) => setTimeout(wake, POLL_MS))
    this.#clearTimer()
    this.#failRest(reason)
    this.#db.close()
  }

  #send(): void {
    if (this.#outgoing.length === 0 || this.#ended) return
    const pairs = Buffer.from(`${this.#outgoing.join('\0')}\0`, 'utf8')
    this.#queued += this.#outgoing.length / 2
    this.#outgoing = []
    this.#add.get(pairs)
    this.#timer ??= setInterval(() => this.#collect(), POLL_MS)
  }

  /** Settles the copies finished since the last call; returns what the copier reported. */
  #collect(): Poll {
    const poll = JSON.parse(this.#poll.get() as string) as Poll
    const failed = poll.failed
    // Every job below `done` has been copied (a failed one ends that run).
    while (this.#settled < poll.done) (this.#jobs[this.#settled++] as CopyJob).resolve()
    if (failed && !this.#ended) {
      // The failed copy rejects first, with its own reason, so the error names its image.
      const error = new Error(failed[1])
      this.#ended = error
      ;(this.#jobs[failed[0]] as CopyJob).reject(error)
      void this.stop(error)
    }
    if (this.#settled === this.#queued) this.#clearTimer()
    return poll
  }

  #failRest(reason: Error): void {
    // A promise settles once: rejecting the failed copy again here changes nothing.
    while (this.#settled < this.#jobs.length)
      (this.#jobs[this.#settled++] as CopyJob).reject(reason)
  }

  #clearTimer(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
  }
}
