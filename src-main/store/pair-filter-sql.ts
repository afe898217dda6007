import { normalizePairFilter } from '../../src-shared/domain/pair-filter'
import type { Correctness, NumRange, PairFilter } from '../../src-shared/domain/pair-filter'
import { toFtsQuery } from './fts-query'
import { EFF } from './pair-columns'

/** A WHERE fragment over `pairs p` with its named parameters. Values never enter the SQL text. */
export type SqlWhere = { readonly sql: string; readonly params: Record<string, unknown> }

/** Filter fields that are facets: counted per value and excludable from their own count. */
export const FACET_FIELDS = [
  'statuses',
  'tiers',
  'origins',
  'perturbTypes',
  'chosenCorrect',
  'rejectedCorrect',
  'hasNote',
  'edited',
  'tags',
  'layouts',
  'imageCounts'
] as const satisfies readonly (keyof PairFilter)[]
export type FacetField = (typeof FACET_FIELDS)[number]

class Builder {
  readonly clauses: string[] = []
  readonly params: Record<string, unknown> = {}
  #n = 0

  /** A fresh named parameter bound to `value`; returns its `@name`. */
  bind(value: unknown): string {
    const name = `f${this.#n++}`
    this.params[name] = value
    return `@${name}`
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.bind(v)).join(', ')
  }
}

/**
 * Compiles a filter into SQL over `pairs p` (same meaning as `matchesPairFilter`). `omit` drops
 * fields, for facet counts that ignore their own constraint.
 */
export function compilePairFilter(
  filter: PairFilter,
  omit: readonly (keyof PairFilter)[] = []
): SqlWhere {
  const f = normalizePairFilter(filter)
  for (const key of omit) delete f[key]
  const b = new Builder()
  const c = b.clauses
  if (f.statuses) c.push(`p.status IN (${b.list(f.statuses)})`)
  if (f.tiers) c.push(`p.tier IN (${b.list(f.tiers)})`)
  if (f.origins) c.push(`p.origin IN (${b.list(f.origins)})`)
  if (f.perturbTypes) c.push(`p.perturb_type IN (${b.list(f.perturbTypes)})`)
  range(b, 'p.perturb_level', f.perturbLevel)
  range(b, EFF.deltaTokens, f.deltaTokens)
  range(b, EFF.deltaChars, f.deltaChars)
  range(b, EFF.judgeScore, f.judgeScore)
  if (f.chosenCorrect) c.push(correctnessSql(EFF.chosenCorrect, f.chosenCorrect))
  if (f.rejectedCorrect) c.push(correctnessSql(EFF.rejectedCorrect, f.rejectedCorrect))
  if (f.hasNote !== undefined) c.push(`${EFF.hasNote} = ${f.hasNote ? 1 : 0}`)
  if (f.edited !== undefined) c.push(`${EFF.edited} = ${f.edited ? 1 : 0}`)
  if (f.runIds) c.push(`p.run_id IN (${b.list(f.runIds)})`)
  if (f.sampleId !== undefined) c.push(`p.sample_id = ${b.bind(f.sampleId)}`)
  if (f.layouts) {
    c.push(
      `p.sample_id IN (SELECT sample_id FROM compositions WHERE layout IN (${b.list(f.layouts)}))`
    )
  }
  if (f.imageCounts) c.push(`${EFF.imageCount} IN (${b.list(f.imageCounts)})`)
  if (f.tags) c.push(`p.id IN (SELECT pair_id FROM pair_tags WHERE tag IN (${b.list(f.tags)}))`)
  // Text with nothing searchable in it (only punctuation) constrains nothing, like blank text.
  const match = f.text ? toFtsQuery(f.text) : null
  if (match) c.push(`p.id IN (SELECT rowid FROM pairs_fts WHERE pairs_fts MATCH ${b.bind(match)})`)
  return { sql: c.length ? c.join(' AND ') : '1', params: b.params }
}

function range(b: Builder, column: string, r: NumRange | undefined): void {
  if (!r) return
  if (r.min !== undefined) b.clauses.push(`${column} >= ${b.bind(r.min)}`)
  if (r.max !== undefined) b.clauses.push(`${column} <= ${b.bind(r.max)}`)
  // A range on a nullable column never matches NULL; comparisons already guarantee it.
}

/** Literal 0/1/NULL tests only: the values come from a closed enum, not from the caller. */
function correctnessSql(column: string, values: readonly Correctness[]): string {
  const terms = values.map((v) =>
    v === 'correct' ? `${column} = 1` : v === 'wrong' ? `${column} = 0` : `${column} IS NULL`
  )
  return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`
}
