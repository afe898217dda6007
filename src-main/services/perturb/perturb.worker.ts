// Worker-thread entry of the perturbation pool (services/perturb/perturb-pool.ts): receives one
// source task at a time and answers with its result. Runs from the TypeScript sources under tsx
// and from the electron-vite bundle (an extra main-process rollup input).
import { parentPort, workerData } from 'node:worker_threads'

import sharp from 'sharp'

import { processSource } from './process-source'
import type { SourceTask } from './process-source'

export type WorkerRequest = { readonly id: number; readonly task: SourceTask }
export type WorkerReply =
  | { readonly id: number; readonly result: Awaited<ReturnType<typeof processSource>> }
  | { readonly id: number; readonly error: string }

const port = parentPort
if (!port) throw new Error('perturb.worker must run in a worker thread')

// Each source is decoded once and never revisited, so libvips' operation cache would only hold
// memory. Thread count is process-wide in libvips; the pool decides it (see perturb-pool.ts).
sharp.cache(false)
sharp.concurrency((workerData as { vipsThreads: number }).vipsThreads)

port.on('message', (request: WorkerRequest) => {
  processSource(request.task).then(
    (result) => port.postMessage({ id: request.id, result } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error)
      } satisfies WorkerReply)
  )
})
