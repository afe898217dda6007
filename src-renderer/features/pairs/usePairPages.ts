import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'

import type { PairDto } from '../../../src-shared/contract/pairs'
import type { PairFilter, PairSort } from '../../../src-shared/domain/pair-filter'
import { api } from '../../api/client'

export const PAGE_SIZE = 200

/** Query key of the browser's keyset-paged list; live updates patch pages under this key. */
export const pairPagesKey = (filter: PairFilter, sort: PairSort) =>
  ['pairs.list', 'infinite', { filter, sort }] as const

/**
 * Pairs matching the filter, in keyset pages fetched as the list scrolls. The previous rows stay
 * on screen while a new filter loads, so the list never flashes empty.
 */
export function usePairPages(filter: PairFilter, sort: PairSort) {
  const query = useInfiniteQuery({
    queryKey: pairPagesKey(filter, sort),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api().call(
        'pairs.list',
        { filter, sort, cursor: pageParam, limit: PAGE_SIZE, withTotal: false },
        signal
      ),
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData
  })
  const rows = useMemo<PairDto[]>(
    () => query.data?.pages.flatMap((page) => page.rows) ?? [],
    [query.data]
  )
  return {
    rows,
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    fetchNextPage: query.fetchNextPage,
    isPending: query.isPending,
    isPlaceholder: query.isPlaceholderData,
    error: query.error
  }
}
