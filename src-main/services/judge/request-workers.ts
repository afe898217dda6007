import { InferenceError } from '../inference/inference-errors'
import { prefetch } from '../generate/prefetch'

/**
 * Runs `handle` over `source` with exactly `capacity` calls in flight (the target's free slots),
 * preparing items ahead while requests run. A per-item InferenceError (bad image, context
 * exceeded, …) goes to `onItemError` and the rest continues; a cancelled or unreachable target,
 * or any other error, stops every worker and is rethrown.
 */
export async function runWorkers<T>(options: {
  source: AsyncIterable<T>
  capacity: number
  signal: AbortSignal
  handle: (item: T, signal: AbortSignal) => Promise<void>
  onItemError: (item: T, error: InferenceError) => void
}): Promise<void> {
  const local = new AbortController()
  const onAbort = (): void => local.abort()
  options.signal.addEventListener('abort', onAbort, { once: true })
  let fatal: unknown = null
  const queue = prefetch(options.source, options.capacity * 2)
  const worker = async (): Promise<void> => {
    for (;;) {
      if (local.signal.aborted) return
      let item: T | undefined
      try {
        item = await queue.next()
      } catch (error) {
        fatal ??= error
        local.abort()
        return
      }
      if (item === undefined) return
      try {
        await options.handle(item, local.signal)
      } catch (error) {
        const kind = error instanceof InferenceError ? error.kind : null
        if (kind === null || kind === 'cancelled' || kind === 'unavailable') {
          fatal ??= error
          local.abort()
          return
        }
        options.onItemError(item, error as InferenceError)
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.capacity) }, worker))
  } finally {
    options.signal.removeEventListener('abort', onAbort)
  }
  options.signal.throwIfAborted()
  if (fatal) throw fatal
}
