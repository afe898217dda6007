import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useSearchParams } from 'react-router-dom'

import type { PairDto } from '../../../src-shared/contract/pairs'
import type { PairFilter, PairSort } from '../../../src-shared/domain/pair-filter'
import { api } from '../../api/client'
import { useRpcQuery } from '../../api/hooks'

/** How many pairs ahead of the current one are fetched and have their images decoded. */
const PREFETCH_AHEAD = 3

/** Loads an image into the browser cache (and decodes it) before it is shown. */
function preloadImages(pair: PairDto): void {
  for (const image of [...pair.hqImages, ...pair.lqImages]) {
    const img = new Image()
    img.src = api().mediaUrl({ sha256: image.sha256 })
    void img.decode().catch(() => undefined)
  }
}

/**
 * The pair under review (`id` in the URL) with its neighbours in the browser's filter and sort,
 * its history and the undo state. Without an id, the first matching pair is opened. The next
 * pairs and their images are prefetched so moving forward is instant.
 */
export function useReviewPair(filter: PairFilter, sort: PairSort) {
  const [params, setParams] = useSearchParams()
  const raw = Number(params.get('id'))
  const id = Number.isInteger(raw) && raw > 0 ? raw : null
  const queryClient = useQueryClient()

  const first = useRpcQuery(
    'pairs.list',
    { filter, sort, limit: 1, withTotal: false },
    {
      enabled: id === null
    }
  )
  const firstId = first.data?.rows[0]?.id
  useEffect(() => {
    if (id === null && firstId !== undefined) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current)
          next.set('id', String(firstId))
          return next
        },
        { replace: true }
      )
    }
  }, [id, firstId, setParams])

  const enabled = id !== null
  const pair = useRpcQuery('pairs.get', { id: id ?? 0 }, { enabled })
  const neighbors = useRpcQuery('pairs.neighbors', { id: id ?? 0, filter, sort }, { enabled })
  const history = useRpcQuery('pairs.history', { id: id ?? 0 }, { enabled })
  const undoState = useRpcQuery('pairs.undoState', {})

  const nextId = neighbors.data?.next ?? null
  useEffect(() => {
    if (nextId === null) return
    let cancelled = false
    void (async () => {
      let cursor: number | null = nextId
      for (let i = 0; i < PREFETCH_AHEAD && cursor !== null && !cancelled; i++) {
        const at: number = cursor
        const [ahead, around] = await Promise.all([
          queryClient.fetchQuery({
            queryKey: ['pairs.get', { id: at }],
            queryFn: () => api().call('pairs.get', { id: at }),
            staleTime: 5_000
          }),
          queryClient.fetchQuery({
            queryKey: ['pairs.neighbors', { id: at, filter, sort }],
            queryFn: () => api().call('pairs.neighbors', { id: at, filter, sort }),
            staleTime: 5_000
          }),
          queryClient.prefetchQuery({
            queryKey: ['pairs.history', { id: at }],
            queryFn: () => api().call('pairs.history', { id: at }),
            staleTime: 5_000
          })
        ]).catch(() => [null, null] as const)
        if (!ahead || !around) return
        preloadImages(ahead)
        cursor = around.next
      }
    })()
    return () => {
      cancelled = true
    }
  }, [nextId, filter, sort, queryClient])

  const goTo = (target: number) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        next.set('id', String(target))
        return next
      },
      { replace: true }
    )

  return {
    id,
    pair: pair.data,
    pairError: pair.error,
    loading: id === null ? first.isPending : pair.isPending,
    noMatch: id === null && first.data !== undefined && first.data.rows.length === 0,
    neighbors: neighbors.data,
    history: history.data ?? [],
    undoState: undoState.data,
    goTo
  }
}
