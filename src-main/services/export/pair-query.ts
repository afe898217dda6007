import type { ExportFilterInput } from '../../../src-shared/contract/exports'

/** A WHERE clause over `pairs p` with its named parameters. */
export type PairWhere = { readonly sql: string; readonly params: Record<string, unknown> }

/**
 * Compiles the export filter and status choice into SQL over `pairs p`. Arrays travel as one
 * JSON parameter (json_each), so 100k explicit ids never hit SQLite's parameter limit.
 */
export function compilePairWhere(filter: ExportFilterInput, status: 'accepted' | 'all'): PairWhere {
  const clauses: string[] = []
  const params: Record<string, unknown> = {}
  if (status === 'accepted') clauses.push(`p.status = 'accepted'`)
  if (filter.tiers) {
    clauses.push('p.tier IN (SELECT value FROM json_each(@tiers))')
    params.tiers = JSON.stringify(filter.tiers)
  }
  if (filter.origins) {
    clauses.push('p.origin IN (SELECT value FROM json_each(@origins))')
    params.origins = JSON.stringify(filter.origins)
  }
  if (filter.tags) {
    clauses.push(
      'EXISTS (SELECT 1 FROM pair_tags t WHERE t.pair_id = p.id AND t.tag IN (SELECT value FROM json_each(@tags)))'
    )
    params.tags = JSON.stringify(filter.tags)
  }
  if (filter.minJudgeScore !== undefined) {
    clauses.push('p.judge_score >= @minJudgeScore')
    params.minJudgeScore = filter.minJudgeScore
  }
  if (filter.pairIds) {
    clauses.push('p.id IN (SELECT value FROM json_each(@pairIds))')
    params.pairIds = JSON.stringify(filter.pairIds)
  }
  return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params }
}
