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
      void patchPairs(queryClient, ids)
    },
    [queryClient]
  )
  useEvent('pairs.changed', onChanged)
}

async function patchPairs(queryClient: QueryClient, ids: readonly number[]): Promise<void> {
  const fresh = await Promise.all(
    ids.map((id) =>
      api()
        .call('pairs.get', { id })
        .catch(() => null)
    )
  )
  const byId = new Map<number, PairDto>()
  for (const pair of fresh) if (pair) byId.set(pair.id, pair)
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
  void queryClient.invalidateQueries({
    predicate: (q) =>
      isPairQuery(q.queryKey) &&
      q.queryKey[0] !== 'pairs.get' &&
      !(q.queryKey[0] === 'pairs.list' && q.queryKey[1] === 'infinite')
  })
}
