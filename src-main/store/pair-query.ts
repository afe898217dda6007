import { decodePairCursor, encodePairCursor } from '../../src-shared/domain/pair-filter'
import type {
  PairCursor,
  PairFilter,
  PairSort,
  PairSortKey
} from '../../src-shared/domain/pair-filter'
import { RpcError } from '../../src-shared/rpc/errors'
import type { Db } from '../db/open-database'
import { EFF } from './pair-columns'
import { compilePairFilter } from './pair-filter-sql'
import type { SqlWhere } from './pair-filter-sql'
import { StatementCache } from './write-tx'

/** Sort key → column. Nullable columns sort their NULLs last in both directions. */
const SORT_COLUMNS: Record<PairSortKey, { col: string; nullable: boolean; text: boolean }> = {
  id: { col: 'p.id', nullable: false, text: false },
  created: { col: 'p.created_at', nullable: false, text: true },
  updated: { col: 'p.updated_at', nullable: false, text: true },
  deltaTokens: { col: EFF.deltaTokens, nullable: true, text: false },
  judgeScore: { col: EFF.judgeScore, nullable: true, text: false },
  editDistance: { col: 'p.edit_distance', nullable: true, text: false }
}

type Row = { id: number; v: number | string | null }

/** Rows a page may test in sort order before it lets the planner gather matches instead. */
const PROBE_ROWS = 1500

/**
 * The total order of a sorted, filtered list is two segments: rows with a value, by (value, id)
 * in the sort direction, then (for nullable keys) rows without one, by id in that direction.
 * Every query below reads one segment with a keyset condition, so each page is an index range
 * scan however deep the page is.
 */
type Segment = 'values' | 'nulls'

/** Keyset-paged reads of the pair list: pages, totals, and a pair's neighbours. */
export class PairQuery {
  readonly #s: StatementCache

  /** `probeRows`: see PROBE_ROWS; tests lower it to exercise both plans. */
  constructor(
    readonly db: Db,
    private readonly probeRows = PROBE_ROWS
  ) {
    this.#s = new StatementCache(db)
  }

  /** Ids of one page and the cursor of the next (null on the last page). */
  page(
    filter: PairFilter,
    sort: PairSort,
    rawCursor: string | null | undefined,
    limit: number
  ): { ids: number[]; nextCursor: string | null } {
    let cursor: PairCursor | null = null
    if (rawCursor) {
      cursor = decodePairCursor(rawCursor)
      if (!cursor || !cursorFits(cursor, sort.key)) {
        throw new RpcError('BAD_INPUT', 'The page cursor is malformed or belongs to another sort')
      }
    }
    const where = compilePairFilter(filter)
    const rows = this.#walk(where, sort, cursor, limit + 1, 'forward')
    const more = rows.length > limit
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return {
      ids: page.map((r) => r.id),
      nextCursor: more && last ? encodePairCursor({ value: last.v, id: last.id }) : null
    }
  }

  /** Pairs matching the filter. */
  count(filter: PairFilter): number {
    const where = compilePairFilter(filter)
    return (
      this.#s.get(`SELECT COUNT(*) AS n FROM pairs p WHERE ${where.sql}`).get(where.params) as {
        n: number
      }
    ).n
  }

  /** The ids before and after `id` in the filtered order, and its 1-based place (null: no match). */
  neighbors(id: number, filter: PairFilter, sort: PairSort) {
    const { col } = SORT_COLUMNS[sort.key]
    const self = this.#s.get(`SELECT ${col} AS v FROM pairs p WHERE p.id = ?`).get(id) as
      { v: number | string | null } | undefined
    if (!self) throw new RpcError('NOT_FOUND', `Pair ${id} does not exist`)
    const where = compilePairFilter(filter)
    const at: PairCursor = { value: self.v, id }
    const next = this.#walk(where, sort, at, 1, 'forward')[0]?.id ?? null
    const prev = this.#walk(where, sort, at, 1, 'backward')[0]?.id ?? null
    const total = this.count(filter)
    const matches =
      this.#s
        .get(`SELECT 1 FROM pairs p WHERE p.id = @self AND ${where.sql}`)
        .get({ ...where.params, self: id }) !== undefined
    const position = matches ? this.#countBefore(where, sort, at) + 1 : null
    return { prev, next, position, total }
  }

  /** Up to `limit` rows strictly after (or before) `cursor` in the sorted order. */
  #walk(
    where: SqlWhere,
    sort: PairSort,
    cursor: PairCursor | null,
    limit: number,
    way: 'forward' | 'backward'
  ): Row[] {
    const spec = SORT_COLUMNS[sort.key]
    const inNulls = cursor !== null && cursor.value === null && spec.nullable
    const order: Segment[] = spec.nullable ? ['values', 'nulls'] : ['values']
    if (way === 'backward') order.reverse()
    const out: Row[] = []
    let started = cursor === null
    for (const segment of order) {
      const cursorHere = cursor !== null && (segment === 'nulls') === inNulls
      if (!started && !cursorHere) continue
      started = true
      const rows = this.#segment(
        where,
        sort,
        segment,
        cursorHere ? cursor : null,
        limit - out.length,
        way
      )
      out.push(...rows)
      if (out.length >= limit) break
    }
    return out
  }

  #segment(
    where: SqlWhere,
    sort: PairSort,
    segment: Segment,
    cursor: PairCursor | null,
    limit: number,
    way: 'forward' | 'backward'
  ): Row[] {
    const spec = SORT_COLUMNS[sort.key]
    const asc = (sort.dir === 'asc') === (way === 'forward')
    const dir = asc ? 'ASC' : 'DESC'
    const op = asc ? '>' : '<'
    const clauses = [where.sql]
    const params: Record<string, unknown> = { ...where.params, limit }
    let select: string
    let orderBy: string
    if (segment === 'nulls') {
      clauses.push(`${spec.col} IS NULL`)
      if (cursor) {
        clauses.push(`p.id ${op} @cid`)
        params.cid = cursor.id
      }
      select = 'p.id AS id, NULL AS v'
      orderBy = `p.id ${dir}`
    } else if (sort.key === 'id') {
      if (cursor) {
        clauses.push(`p.id ${op} @cid`)
        params.cid = cursor.id
      }
      select = 'p.id AS id, p.id AS v'
      orderBy = `p.id ${dir}`
    } else {
      if (spec.nullable) clauses.push(`${spec.col} IS NOT NULL`)
      if (cursor) {
        clauses.push(keyset(spec.col, op))
        params.cv = cursor.value
        params.cid = cursor.id
      }
      select = `p.id AS id, ${spec.col} AS v`
      orderBy = `${spec.col} ${dir}, p.id ${dir}`
    }
    const [filterSql, ...orderClauses] = clauses
    // Most filters keep a good share of pairs: walking the sort order and testing each row finds
    // a page after a few hundred rows, where SQLite's own plan would often gather every match
    // through a filter index and sort them all. The probe is bounded; a selective filter falls
    // through to the planner's choice. Full text always goes to the planner (FTS drives it).
    if (filterSql !== '1' && !filterSql!.includes('pairs_fts')) {
      const probe = this.#s
        .get(
          `SELECT ${select}, (${filterSql}) AS ok FROM pairs p
           WHERE ${orderClauses.length ? orderClauses.join(' AND ') : '1'}
           ORDER BY ${orderBy} LIMIT @scan`
        )
        .all({ ...params, scan: this.probeRows }) as Array<Row & { ok: 0 | 1 }>
      const hits = probe.filter((r) => r.ok === 1).slice(0, limit)
      if (hits.length === limit || probe.length < this.probeRows) {
        return hits.map((r) => ({ id: r.id, v: r.v }))
      }
    }
    const sql = `SELECT ${select} FROM pairs p WHERE ${clauses.join(' AND ')} ORDER BY ${orderBy} LIMIT @limit`
    return this.#s.get(sql).all(params) as Row[]
  }

  #countBefore(where: SqlWhere, sort: PairSort, at: PairCursor): number {
    const spec = SORT_COLUMNS[sort.key]
    const op = sort.dir === 'asc' ? '<' : '>'
    const params: Record<string, unknown> = { ...where.params, cv: at.value, cid: at.id }
    const count = (extra: string) =>
      (
        this.#s
          .get(`SELECT COUNT(*) AS n FROM pairs p WHERE ${where.sql} AND ${extra}`)
          .get(params) as { n: number }
      ).n
    if (sort.key === 'id') return count(`p.id ${op} @cid`)
    if (!spec.nullable) return count(keyset(spec.col, op))
    if (at.value === null)
      return count(`${spec.col} IS NOT NULL`) + count(`${spec.col} IS NULL AND p.id ${op} @cid`)
    return count(`${spec.col} IS NOT NULL AND ${keyset(spec.col, op)}`)
  }
}

/**
 * `(col, id) op (@cv, @cid)` spelled so SQLite turns it into an index range: a row-value
 * comparison over an indexed expression is not used for the seek.
 */
function keyset(col: string, op: '<' | '>'): string {
  return `${col} ${op}= @cv AND (${col} ${op} @cv OR p.id ${op} @cid)`
}

function cursorFits(cursor: PairCursor, key: PairSortKey): boolean {
  const spec = SORT_COLUMNS[key]
  if (cursor.value === null) return spec.nullable
  return spec.text ? typeof cursor.value === 'string' : typeof cursor.value === 'number'
}
