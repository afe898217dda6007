import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions } from '@tanstack/react-query'
import { useEffect, useState } from 'react'

import type { InputOf, MethodName, OutputOf, PayloadOf, TopicName } from '../../src-shared/contract'
import type { ConnectionState } from '../../src-shared/rpc/transport'
import { api } from './client'

/** A cached RPC read, keyed by method and input. */
export function useRpcQuery<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options: Omit<UseQueryOptions<OutputOf<M>>, 'queryKey' | 'queryFn'> = {}
) {
  return useQuery<OutputOf<M>>({
    queryKey: [method, input],
    queryFn: ({ signal }) => api().call(method, input, signal),
    ...options
  })
}

/** An RPC write; on success every cached read is refetched unless `invalidate` narrows it. */
export function useRpcMutation<M extends MethodName>(method: M, invalidate?: MethodName[]) {
  const queryClient = useQueryClient()
  return useMutation<OutputOf<M>, Error, InputOf<M>>({
    mutationFn: (input) => api().call(method, input),
    onSuccess: () => {
      if (!invalidate) return queryClient.invalidateQueries()
      return Promise.all(invalidate.map((m) => queryClient.invalidateQueries({ queryKey: [m] })))
    }
  })
}

/** Calls `listener` for every event of `topic` while mounted. */
export function useEvent<T extends TopicName>(
  topic: T,
  listener: (payload: PayloadOf<T>) => void
): void {
  useEffect(() => api().on(topic, listener), [topic, listener])
}

/** Live connection state of the transport ('open' once the event stream is up). */
export function useConnectionState(): ConnectionState {
  const [state, setState] = useState<ConnectionState>('connecting')
  useEffect(() => api().transport.onConnectionChange?.(setState), [])
  return state
}
