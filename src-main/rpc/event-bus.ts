import type { PayloadOf, TopicName } from '../../src-shared/contract'
import type { EventEnvelope } from '../../src-shared/rpc/envelope'

type Listener = (event: EventEnvelope) => void

/**
 * Typed in-process publish/subscribe. Transports subscribe once and fan events out to their
 * clients; services only publish.
 */
export class EventBus {
  readonly #listeners = new Set<Listener>()

  publish<T extends TopicName>(topic: T, payload: PayloadOf<T>): void {
    const event: EventEnvelope = { topic, payload }
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // A failing subscriber (e.g. a closed socket) must not stop delivery to the others.
      }
    }
  }

  /** Returns the unsubscribe function. */
  onDidPublish(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
