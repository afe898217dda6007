import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

import type { WorkerReply, WorkerRequest } from './perturb.worker'
import type { SourceResult, SourceTask } from './process-source'

export type PerturbPoolOptions = {
  /** Worker threads; default: one per core (os.availableParallelism()). */
  readonly size?: number
  /** Override of the worker entry (tests, unusual bundles). */
  readonly workerUrl?: URL
}

type Pending = {
  readonly id: number
  readonly task: SourceTask
  readonly resolve: (result: SourceResult) => void
  readonly reject: (error: unknown) => void
  readonly signal?: AbortSignal
  readonly onAbort?: () => void
}

type Slot = { worker: Worker; current: Pending | null }

type WorkerEntry = { readonly url: URL } | { readonly bootstrap: string }

/**
 * Finds the worker entry: next to the sources when running TypeScript (tsx, vitest), else the
 * bundled `perturb.worker.js` that electron-vite emits beside the main entry (this module may sit
 * in out/main or in out/main/chunks).
 */
function resolveWorker(override?: URL): WorkerEntry {
  if (override) return { url: override }
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    // A worker inherits neither the parent's module hooks nor (on Node 20) `--import` in its
    // execArgv, so a two-line bootstrap registers tsx's ESM loader and then imports the entry.
    const tsxRoot = dirname(createRequire(here).resolve('tsx/package.json'))
    const api = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href
    const entry = new URL('./perturb.worker.ts', here).href
    return {
      bootstrap: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
    }
  }
  for (const candidate of ['./perturb.worker.js', '../perturb.worker.js']) {
    const url = new URL(candidate, here)
    if (existsSync(fileURLToPath(url))) return { url }
  }
  throw new Error(`perturb.worker.js not found next to ${here}`)
}

/**
 * A fixed pool of worker threads that process one source each at a time. Memory stays bounded
 * whatever the job size: a worker holds one decoded image, and callers keep few tasks queued.
 * libvips runs ⌊cores / size⌋ threads per operation (1 with the default size), so the workers
 * together use every core without oversubscription.
 */
export class PerturbPool {
  readonly size: number
  private readonly entry: WorkerEntry
  private readonly vipsThreads: number
  private readonly slots: Array<Slot | null>
  private readonly queue: Pending[] = []
  private nextId = 1
  private closed = false

  constructor(options: PerturbPoolOptions = {}) {
    const cores = availableParallelism()
    this.size = Math.max(1, Math.floor(options.size ?? cores))
    this.vipsThreads = Math.max(1, Math.floor(cores / this.size))
    this.entry = resolveWorker(options.workerUrl)
    this.slots = Array.from({ length: this.size }, () => null)
  }

  /** Tasks waiting for a worker (not counting those running). */
  get queued(): number {
    return this.queue.length
  }

  /**
   * Runs one task on the next free worker. A bad input resolves as `{ ok: false }`; the promise
   * rejects on an AbortError when `signal` fires before the task started (a started task runs to
   * its end and resolves, so finished work is never lost), on a worker crash, or after close().
   */
  run(task: SourceTask, signal?: AbortSignal): Promise<SourceResult> {
    if (this.closed) return Promise.reject(new Error('perturbation pool is closed'))
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<SourceResult>((resolve, reject) => {
      const id = this.nextId++
      const onAbort = (): void => {
        const index = this.queue.findIndex((p) => p.id === id)
        if (index >= 0) {
          this.queue.splice(index, 1)
          reject(signal?.reason)
        }
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.queue.push({ id, task, resolve, reject, signal, onAbort })
      this.dispatch()
    })
  }

  private dispatch(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      const slot = this.slots[i] ?? this.spawn(i)
      if (slot.current) continue
      const next = this.queue.shift() as Pending
      next.signal?.removeEventListener('abort', next.onAbort as () => void)
      slot.current = next
      slot.worker.ref()
      slot.worker.postMessage({ id: next.id, task: next.task } satisfies WorkerRequest)
    }
  }

  private spawn(index: number): Slot {
    const workerData = { vipsThreads: this.vipsThreads }
    const worker =
      'url' in this.entry
        ? new Worker(this.entry.url, { workerData })
        : new Worker(this.entry.bootstrap, { eval: true, workerData })
    const slot: Slot = { worker, current: null }
    worker.on('message', (reply: WorkerReply) => {
      const pending = slot.current
      if (!pending || pending.id !== reply.id) return
      slot.current = null
      worker.unref()
      if ('result' in reply) pending.resolve(reply.result)
      else pending.reject(new Error(`perturbation failed for ${pending.task.item}: ${reply.error}`))
      this.dispatch()
    })
    const fail = (error: unknown): void => {
      if (this.slots[index]?.worker !== worker) return
      this.slots[index] = null
      slot.current?.reject(error)
      slot.current = null
      if (!this.closed) this.dispatch()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`perturbation worker exited with code ${code}`)))
    worker.unref()
    this.slots[index] = slot
    return slot
  }

  /** Stops every worker; queued tasks reject, running ones reject as their worker stops. */
  async close(): Promise<void> {
    this.closed = true
    for (const pending of this.queue.splice(0))
      pending.reject(new Error('perturbation pool is closed'))
    const workers = this.slots.flatMap((slot) => (slot ? [slot.worker] : []))
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
