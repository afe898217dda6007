/**
 * Pulls from `source` ahead of its consumers, keeping up to `ahead` items ready, so preparing
 * work (rendering variants, reading files) overlaps with consuming it. `next()` may be called
 * concurrently; each item goes to exactly one caller, in order; undefined means exhausted.
 * A failure of the source rejects the pending and later `next()` calls.
 */
export function prefetch<T>(
  source: AsyncIterable<T>,
  ahead: number
): { next(): Promise<T | undefined> } {
  const iterator = source[Symbol.asyncIterator]()
  const ready: T[] = []
  const waiters: Array<{ resolve: (v: T | undefined) => void; reject: (e: unknown) => void }> = []
  let done = false
  let failure: unknown = null
  let pulling = false
  let wakePuller: (() => void) | null = null

  const settle = (): void => {
    while (waiters.length && (ready.length || done || failure)) {
      const waiter = waiters.shift()!
      if (ready.length) waiter.resolve(ready.shift())
      else if (failure) waiter.reject(failure)
      else waiter.resolve(undefined)
    }
    wakePuller?.()
  }

  const pull = async (): Promise<void> => {
    if (pulling) return
    pulling = true
    try {
      while (!done) {
        if (ready.length >= ahead) {
          await new Promise<void>((resolve) => (wakePuller = resolve))
          wakePuller = null
          continue
        }
        const item = await iterator.next()
        if (item.done) done = true
        else ready.push(item.value)
        settle()
      }
    } catch (error) {
      failure = error
      done = true
      settle()
    }
  }

  return {
    next() {
      void pull()
      return new Promise<T | undefined>((resolve, reject) => {
        waiters.push({ resolve, reject })
        settle()
      })
    }
  }
}
