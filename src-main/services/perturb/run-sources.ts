import type { PerturbPool } from './perturb-pool'
import type { SourceResult, SourceTask } from './process-source'

export type RunSourcesOptions<T> = {
  readonly signal?: AbortSignal
  /**
   * Tasks submitted but not yet finished; default twice the pool size, so a worker never waits
   * for the next task while the number of tasks in memory stays constant over any job size.
   */
  readonly maxInFlight?: number
  /** Called once per finished task, in completion order; awaited before the next is taken. */
  readonly onResult: (result: SourceResult, context: T) => void | Promise<void>
}

/**
 * Feeds tasks from a (possibly lazy, possibly huge) iterable through the pool with bounded
 * concurrency. Stops taking tasks when `signal` aborts and resolves once the tasks already
 * running have finished and been reported (their work is complete, so it is kept).
 * Returns whether it stopped because of the signal. Rejects on the first task failure that is
 * not a refused input (those are results), after the tasks in flight have settled.
 */
export async function runSources<T>(
  pool: PerturbPool,
  tasks:
    Iterable<{ task: SourceTask; context: T }> | AsyncIterable<{ task: SourceTask; context: T }>,
  options: RunSourcesOptions<T>
): Promise<{ aborted: boolean }> {
  const limit = Math.max(1, options.maxInFlight ?? pool.size * 2)
  const running = new Set<Promise<void>>()
  let failure: unknown = null
  // Results are reported one at a time so callers can write them without interleaving.
  let reporting: Promise<void> = Promise.resolve()

  const submit = (task: SourceTask, context: T): void => {
    const done: Promise<void> = pool
      .run(task, options.signal)
      .then(
        (result) => {
          reporting = reporting.then(() => options.onResult(result, context))
          return reporting
        },
        (error: unknown) => {
          if (!options.signal?.aborted) failure ??= error
        }
      )
      .catch((error: unknown) => {
        failure ??= error
      })
      .finally(() => running.delete(done))
    running.add(done)
  }

  for await (const { task, context } of tasks) {
    if (options.signal?.aborted || failure) break
    submit(task, context)
    while (running.size >= limit) await Promise.race(running)
  }
  while (running.size > 0) await Promise.race(running)
  await reporting
  if (failure) throw failure
  return { aborted: options.signal?.aborted === true }
}
