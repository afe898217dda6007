import type { PairFilter } from '../../../src-shared/domain/pair-filter'
import { compilePairFilter } from '../../store/pair-filter-sql'
import type { SqlWhere } from '../../store/pair-filter-sql'

/**
 * The WHERE clause over `pairs p` of an export: the store's filter compiler (the same meaning
 * as the pair browser's filter) plus the export's status choice, ANDed.
 */
export function compilePairWhere(filter: PairFilter, status: 'accepted' | 'all'): SqlWhere {
  const where = compilePairFilter(filter)
  if (status === 'all') return where
  return { sql: `(${where.sql}) AND p.status = 'accepted'`, params: where.params }
}
