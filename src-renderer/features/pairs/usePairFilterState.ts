import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'

import {
  PAIR_FILTER_URL_KEYS,
  pairFilterFromSearchParams,
  pairFilterToSearchParams
} from '../../../src-shared/domain/pair-filter-url'
import { normalizePairFilter } from '../../../src-shared/domain/pair-filter'
import type { PairFilter, PairSort } from '../../../src-shared/domain/pair-filter'

export type PairFilterState = {
  readonly filter: PairFilter
  readonly sort: PairSort
  /** The filter and sort as a query string (no `?`), for links that keep the view. */
  readonly query: string
  setFilter(next: PairFilter): void
  patchFilter(patch: Partial<PairFilter>): void
  setSort(next: PairSort): void
  /** Replaces filter and sort from a saved query string. */
  applyQuery(query: string): void
}

/**
 * The pair filter and sort, stored in the URL: a view can be bookmarked, shared and restored
 * on reload, and the review page pages through exactly what the browser showed.
 */
export function usePairFilterState(): PairFilterState {
  const [params, setParams] = useSearchParams()
  const search = params.toString()
  const { filter, sort } = useMemo(
    () => pairFilterFromSearchParams(new URLSearchParams(search)),
    [search]
  )

  const write = useCallback(
    (nextFilter: PairFilter, nextSort: PairSort) => {
      setParams(
        (current) => {
          const next = new URLSearchParams()
          for (const [key, value] of current) {
            if (!PAIR_FILTER_URL_KEYS.includes(key)) next.append(key, value)
          }
          for (const [key, value] of pairFilterToSearchParams(nextFilter, nextSort)) {
            next.append(key, value)
          }
          return next
        },
        { replace: true }
      )
    },
    [setParams]
  )

  return useMemo(() => {
    const query = new URLSearchParams(pairFilterToSearchParams(filter, sort)).toString()
    return {
      filter,
      sort,
      query,
      setFilter: (next) => write(normalizePairFilter(next), sort),
      patchFilter: (patch) => write(normalizePairFilter({ ...filter, ...patch }), sort),
      setSort: (next) => write(filter, next),
      applyQuery: (saved) => {
        const parsed = pairFilterFromSearchParams(new URLSearchParams(saved))
        write(parsed.filter, parsed.sort)
      }
    }
  }, [filter, sort, write])
}
