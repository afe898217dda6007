import type { InputOf, MethodName, OutputOf, PayloadOf, TopicName } from '../contract'
import { RpcError } from './errors'
import type { AbortSignalLike, ImageRef, Transport } from './transport'

/** The typed face of a transport: `client.call('pairs.list', {...})` with inferred types. */
export type Client = {
  call<M extends MethodName>(
    method: M,
    input: InputOf<M>,
    signal?: AbortSignalLike
  ): Promise<OutputOf<M>>
  on<T extends TopicName>(topic: T, listener: (payload: PayloadOf<T>) => void): () => void
  mediaUrl(ref: ImageRef): string
  readonly transport: Transport
}

/**
 * Wraps a transport. Error envelopes become thrown `RpcError`s with the server's stable code.
 * Outputs are trusted as typed: the router validated inputs and built outputs from the contract.
 */
export function createClient(transport: Transport): Client {
  return {
    transport,
    async call(method, input, signal) {
      const response = await transport.request(method, input, signal)
      if (!response.ok) {
        throw new RpcError(response.error.code, response.error.message, response.error.details)
      }
      return response.result as OutputOf<typeof method>
    },
    on(topic, listener) {
      return transport.subscribe((event) => {
        if (event.topic === topic) listener(event.payload as PayloadOf<typeof topic>)
      })
    },
    mediaUrl: (ref) => transport.mediaUrl(ref)
  }
}
