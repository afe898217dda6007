import { Worker } from 'node:worker_threads'

/**
 * The worker's whole program, as plain CommonJS so it needs neither a bundle entry nor a
 * TypeScript loader. It keeps `limit` copies in flight and answers in batches of [id, error].
 * (It used to stat each copy for its size: a second round trip through libuv's thread pool per
 * file, which at one copy at a time slowed copying by about a third; callers know the sizes.) Copies ask for a copy-on-write clone first
 * (COPYFILE_FICLONE: btrfs, XFS, APFS share the blocks until either file changes, so a large
 * export costs no data copy), and fall back to a plain copy where the file system has none.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const { constants } = require('node:fs')
const { copyFile } = require('node:fs/promises')
const queue = []
let limit = 1
let running = 0
let stopped = false
let replies = []
let flushing = false
function flush() {
  flushing = false
  if (replies.length > 0) parentPort.postMessage(replies)
  replies = []
}
function done(reply) {
  running--
  replies.push(reply)
  if (!flushing) {
    flushing = true
    setImmediate(flush)
  }
  pump()
}
function pump() {
  while (!stopped && running < limit && queue.length > 0) {
    const [id, source, target] = queue.shift()
    running++
    copyFile(source, target, constants.COPYFILE_FICLONE)
      .then(() => done([id, null]), (e) => done([id, String((e && e.message) || e)]))
  }
  if (stopped && running === 0) {
    flush()
    parentPort.postMessage('stopped')
  }
}
parentPort.on('message', (message) => {
  if (message === 'stop') {
    stopped = true
    queue.length = 0
  } else if (typeof message === 'number') {
    limit = message
  } else {
    for (const job of message) queue.push(job)
  }
  pump()
})
`

/** What copies an export's images: `CopyWorker`, or `NativeCopier` where the extension loads. */
export type FileCopier = {
  /** Copies `source` to `target`; resolves once the copy is complete. */
  copy(source: string, target: string): Promise<void>
  /** Copies in flight at once from now on (where the copier has a say). */
  setConcurrency(concurrency: number): void
  /** Drops copies not started, waits for running ones; the rest reject with `reason`. */
  stop(reason: Error): Promise<void>
}

/** A copy's promise, to settle once the copier reports on it. */
export type CopyJob = {
  readonly resolve: () => void
  readonly reject: (error: Error) => void
}

/**
 * Copies files on a worker thread of its own. The copies' completions are handled by the
 * worker's event loop, so they keep going at a steady `concurrency` while the main thread is
 * busy for milliseconds at a time (building rows), instead of stalling until its next turn.
 */
export class CopyWorker implements FileCopier {
  readonly #worker: Worker
  readonly #jobs = new Map<number, CopyJob>()
  #outgoing: Array<[number, string, string]> = []
  #nextId = 0
  #stopped: Promise<void> | null = null
  #onStopped: (() => void) | null = null
  /** Set once the thread is gone (stopped, or crashed): nothing more will answer. */
  #exited = false
  #crash: Error | null = null

  constructor(concurrency: number) {
    this.#worker = new Worker(WORKER_SOURCE, { eval: true })
    // A worker left running (a bug) must not keep the process alive.
    this.#worker.unref()
    this.#worker.postMessage(concurrency)
    this.#worker.on('message', (message: Array<[number, string | null]> | 'stopped') => {
      if (message === 'stopped') return this.#onStopped?.()
      for (const [id, error] of message) {
        const job = this.#jobs.get(id) as CopyJob
        this.#jobs.delete(id)
        if (error === null) job.resolve()
        else job.reject(new Error(error))
      }
    })
    this.#worker.on('error', (error) => {
      this.#crash = error
    })
    this.#worker.on('exit', () => {
      this.#exited = true
      this.#failAll(this.#crash ?? new Error('the copy worker exited'))
      this.#onStopped?.()
    })
  }

  /** Copies `source` to `target`; resolves once the copy is complete. */
  copy(source: string, target: string): Promise<void> {
    if (this.#stopped || this.#exited) {
      return Promise.reject(this.#crash ?? new Error('the copy worker was stopped'))
    }
    const id = this.#nextId++
    const promise = new Promise<void>((resolve, reject) => this.#jobs.set(id, { resolve, reject }))
    // Jobs go out in one message per turn of the event loop, not one per image.
    if (this.#outgoing.length === 0) setImmediate(() => this.#send())
    this.#outgoing.push([id, source, target])
    return promise
  }

  /** Copies in flight at once from now on. */
  setConcurrency(concurrency: number): void {
    if (!this.#exited) this.#worker.postMessage(concurrency)
  }

  /**
   * Drops the copies not started, waits for those running and ends the worker; every copy not
   * done rejects with `reason`. Never throws.
   */
  async stop(reason: Error): Promise<void> {
    this.#stopped ??= new Promise<void>((resolve) => {
      this.#outgoing = []
      if (this.#exited) return resolve()
      this.#onStopped = resolve
      this.#worker.postMessage('stop')
    }).then(async () => {
      this.#failAll(reason)
      await this.#worker.terminate()
    })
    await this.#stopped
  }

  #failAll(reason: Error): void {
    for (const job of this.#jobs.values()) job.reject(reason)
    this.#jobs.clear()
  }

  #send(): void {
    if (this.#outgoing.length === 0 || this.#exited) return
    this.#worker.postMessage(this.#outgoing)
    this.#outgoing = []
  }
}
