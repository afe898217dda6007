import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { InfiniteData } from '@tanstack/react-query'
import { act, render, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import type { PairDto, PairPageDto } from '../../../src-shared/contract/pairs'
import { createClient } from '../../../src-shared/rpc/client'
import type { EventEnvelope } from '../../../src-shared/rpc/envelope'
import { setApiForTests } from '../../api/client'
import { pairPagesKey } from '../pairs/usePairPages'
import { usePairsLiveUpdates } from './usePairsLiveUpdates'

const pair = (id: number, status: PairDto['status']) => ({ id, status, version: 1 }) as PairDto

function setup(stored: Map<number, PairDto>) {
  const listeners = new Set<(event: EventEnvelope) => void>()
  const gets: number[] = []
  setApiForTests(
    createClient({
      async request(method, input) {
        if (method !== 'pairs.get') return { ok: true, result: null }
        const id = (input as { id: number }).id
        gets.push(id)
        return { ok: true, result: stored.get(id) }
      },
      subscribe(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      mediaUrl: () => ''
    })
  )
  const queryClient = new QueryClient()
  const key = pairPagesKey({}, { key: 'id', dir: 'asc' })
  queryClient.setQueryData<InfiniteData<PairPageDto>>(key, {
    pageParams: [null],
    pages: [{ rows: [pair(1, 'pending'), pair(2, 'pending')], nextCursor: null, total: null }]
  })
  queryClient.setQueryData(['pairs.facets', { filter: {} }], { total: 2 })
  function Probe() {
    usePairsLiveUpdates()
    return null
  }
  render(
    <QueryClientProvider client={queryClient}>
      <Probe />
    </QueryClientProvider>
  )
  const push = (payload: unknown) =>
    act(() => listeners.forEach((l) => l({ topic: 'pairs.changed', payload })))
  const rows = () =>
    queryClient.getQueryData<InfiniteData<PairPageDto>>(key)!.pages[0]!.rows.map((r) => r.status)
  return { queryClient, key, push, rows, gets }
}

describe('usePairsLiveUpdates', () => {
  it('patches a few changed pairs into the loaded list in place', async () => {
    const stored = new Map([[2, pair(2, 'accepted')]])
    const { push, rows, gets, queryClient, key } = setup(stored)
    push({ ids: [2], reason: 'update' })
    await waitFor(() => expect(rows()).toEqual(['pending', 'accepted']))
    expect(gets).toEqual([2])
    expect(queryClient.getQueryState(key)!.isInvalidated).toBe(false)
    expect(queryClient.getQueryState(['pairs.facets', { filter: {} }])!.isInvalidated).toBe(true)
  })

  it('applies the version this window already holds without re-reading it', async () => {
    const accepted = { ...pair(2, 'accepted'), version: 2 }
    const { push, rows, gets, queryClient } = setup(new Map([[2, accepted]]))
    // The review action put the pair its write returned into the cache before the event came.
    queryClient.setQueryData(['pairs.get', { id: 2 }], accepted)
    queryClient.setQueryData(['pairs.undoState'], { canUndo: true })
    queryClient.setQueryData(['pairs.history', { id: 2 }], [])
    push({ ids: [2], versions: [2], reason: 'update' })
    await waitFor(() => expect(rows()).toEqual(['pending', 'accepted']))
    expect(gets).toEqual([])
    expect(queryClient.getQueryState(['pairs.undoState'])!.isInvalidated).toBe(false)
    expect(queryClient.getQueryState(['pairs.history', { id: 2 }])!.isInvalidated).toBe(false)
    expect(queryClient.getQueryState(['pairs.facets', { filter: {} }])!.isInvalidated).toBe(true)
  })

  it('re-reads a pair changed elsewhere (its version is newer than the cached one)', async () => {
    const stored = new Map([[2, { ...pair(2, 'rejected'), version: 3 }]])
    const { push, rows, gets, queryClient } = setup(stored)
    queryClient.setQueryData(['pairs.get', { id: 2 }], { ...pair(2, 'pending'), version: 1 })
    queryClient.setQueryData(['pairs.undoState'], { canUndo: true })
    push({ ids: [2], versions: [3], reason: 'update' })
    await waitFor(() => expect(rows()).toEqual(['pending', 'rejected']))
    expect(gets).toEqual([2])
    expect(queryClient.getQueryState(['pairs.undoState'])!.isInvalidated).toBe(true)
  })

  it('refetches every pair query after a bulk change or a job', () => {
    const { push, queryClient, key, gets } = setup(new Map())
    push({ reason: 'bulk', batchId: 'b1' })
    expect(queryClient.getQueryState(key)!.isInvalidated).toBe(true)
    expect(gets).toEqual([])
  })
})
