import { useQueryClient } from '@tanstack/react-query'
import type { InfiniteData, QueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'

import type { PayloadOf } from '../../../src-shared/contract'
import type { PairDto, PairPageDto } from '../../../src-shared/contract/pairs'
import { api } from '../../api/client'
import { useEvent } from '../../api/hooks'

/** At most this many changed pairs are patched in place; more and every pair query refetches. */
const PATCH_LIMIT = 50

const isPairQuery = (key: readonly unknown[]) =>
  typeof key[0] === 'string' && key[0].startsWith('pairs.')

/**
 * Keeps every pair query current from `pairs.changed`, whoever made the change (this window,
 * another window, a job). A few changed pairs are re-read and patched into the loaded list pages
 * in place, so a long list neither jumps nor refetches; anything larger refetches.
 */
export function usePairsLiveUpdates(): void {
  const queryClient = useQueryClient()
  const onChanged = useCallback(
    (event: PayloadOf<'pairs.changed'>) => {
      const ids = event.ids
      const small =
        ids !== undefined &&
        ids.length <= PATCH_LIMIT &&
        (event.reason === 'update' || event.reason === 'undo' || event.reason === 'redo')
      if (!small) {
        void queryClient.invalidateQueries({ predicate: (q) => isPairQuery(q.queryKey) })
        return
      }
      void patchPairs(queryClient, ids, event.versions)
    },
    [queryClient]
  )
  useEvent('pairs.changed', onChanged)
}

/**
 * Patches changed pairs into the cache. A pair whose cached copy already has the event's version
 * was written by this window, whose action applied the returned pair and refreshed its own undo
 * state and history: it is neither re-read nor are those queries refreshed again.
 */
async function patchPairs(
  queryClient: QueryClient,
  ids: readonly number[],
  versions: readonly number[] | undefined
): Promise<void> {
  const cached = (id: number) => queryClient.getQueryData<PairDto>(['pairs.get', { id }])
  const current = ids.map((id, i) => {
    const held = cached(id)
    return held && versions?.[i] !== undefined && held.version === versions[i] ? held : null
  })
  const fresh = await Promise.all(
    ids.map((id, i) =>
      current[i]
        ? current[i]
        : api()
            .call('pairs.get', { id })
            .catch(() => null)
    )
  )
  const byId = new Map<number, PairDto>()
  for (const pair of fresh) if (pair) byId.set(pair.id, pair)
  const ownWrite = current.every((pair) => pair !== null)
  for (const pair of byId.values()) queryClient.setQueryData(['pairs.get', { id: pair.id }], pair)
  queryClient.setQueriesData<InfiniteData<PairPageDto>>(
    { queryKey: ['pairs.list', 'infinite'] },
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) =>
          page.rows.some((row) => byId.has(row.id))
            ? { ...page, rows: page.rows.map((row) => byId.get(row.id) ?? row) }
            : page
        )
      }
  )
  const refreshedByWriter = new Set(ownWrite ? ['pairs.undoState', 'pairs.history'] : [])
  void queryClient.invalidateQueries({
    predicate: (q) =>
      isPairQuery(q.queryKey) &&
      q.queryKey[0] !== 'pairs.get' &&
      !refreshedByWriter.has(q.queryKey[0] as string) &&
      !(q.queryKey[0] === 'pairs.list' && q.queryKey[1] === 'infinite')
  })
}
