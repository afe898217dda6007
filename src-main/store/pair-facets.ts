import type { FacetCountsDto } from '../../src-shared/contract/pairs'
import {
  COMPOSE_LAYOUTS,
  CORRECTNESS,
  PAIR_ORIGINS,
  PAIR_STATUSES,
  TIERS,
  normalizePairFilter
} from '../../src-shared/domain/pair-filter'
import type { Correctness, PairFilter } from '../../src-shared/domain/pair-filter'
import { correctness } from '../../src-shared/domain/pair-filter-predicate'
import type { Db } from '../db/open-database'
import { EFF } from './pair-columns'
import { compilePairFilter } from './pair-filter-sql'
import { StatementCache } from './write-tx'

/** One group of the facet scan: a combination of facet values and how many pairs have it. */
type Group = {
  status: string
  tier: number
  origin: string
  perturb_type: string | null
  cc: Correctness
  rc: Correctness
  has_note: boolean
  edited: boolean
  n: number
}

type GroupFacet = Exclude<keyof FacetCountsDto, 'total' | 'tags' | 'layouts' | 'imageCounts'>

const GROUP_FACETS: Record<GroupFacet, (g: Group, f: PairFilter) => boolean> = {
  statuses: (g, f) => !f.statuses || (f.statuses as string[]).includes(g.status),
  tiers: (g, f) => !f.tiers || (f.tiers as number[]).includes(g.tier),
  origins: (g, f) => !f.origins || (f.origins as string[]).includes(g.origin),
  perturbTypes: (g, f) =>
    !f.perturbTypes || (g.perturb_type !== null && f.perturbTypes.includes(g.perturb_type)),
  chosenCorrect: (g, f) => !f.chosenCorrect || f.chosenCorrect.includes(g.cc),
  rejectedCorrect: (g, f) => !f.rejectedCorrect || f.rejectedCorrect.includes(g.rc),
  hasNote: (g, f) => f.hasNote === undefined || f.hasNote === g.has_note,
  edited: (g, f) => f.edited === undefined || f.edited === g.edited
}
const GROUP_FACET_KEYS = Object.keys(GROUP_FACETS) as GroupFacet[]

type RawGroup = {
  status: string
  tier: number
  origin: string
  perturb_type: string | null
  swapped: 0 | 1
  chosen_correct: 0 | 1 | null
  rejected_correct: 0 | 1 | null
  n: number
  note: number
  edited: number
  both: number
}

const asBool = (v: 0 | 1 | null) => (v === null ? null : v === 1)

/** One scanned group → its (has note × edited) sub-groups, with values as shown after swap. */
function expandGroup(g: RawGroup): Group[] {
  const swapped = g.swapped === 1
  const base = {
    status: g.status,
    tier: g.tier,
    origin: g.origin,
    perturb_type: g.perturb_type,
    cc: correctness(asBool(swapped ? g.rejected_correct : g.chosen_correct)),
    rc: correctness(asBool(swapped ? g.chosen_correct : g.rejected_correct))
  }
  const cells: Array<[boolean, boolean, number]> = [
    [true, true, g.both],
    [true, false, g.note - g.both],
    [false, true, g.edited - g.both],
    [false, false, g.n - g.note - g.edited + g.both]
  ]
  return cells
    .filter(([, , n]) => n > 0)
    .map(([has_note, edited, n]) => ({ ...base, has_note, edited, n }))
}

/**
 * Facet counts with one scan of the covering `pairs_facets` index: the pairs matching every
 * non-facet constraint are grouped by all facet columns at once (a few hundred groups), and each
 * facet's counts are summed from the groups that pass every other facet's constraint. Tags,
 * many per pair, take one more grouped query.
 */
export class PairFacets {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  counts(rawFilter: PairFilter): FacetCountsDto {
    const filter = normalizePairFilter(rawFilter)
    const base = compilePairFilter(filter, GROUP_FACET_KEYS)
    // Grouping by an indexed expression makes SQLite read the table rows, so note/edited are
    // summed per group (their 2×2 cross-tab) rather than grouped by.
    const rows = this.#s
      .get(
        `SELECT p.status, p.tier, p.origin, p.perturb_type, p.swapped, p.chosen_correct,
           p.rejected_correct, COUNT(*) AS n, SUM(${EFF.hasNote}) AS note,
           SUM(${EFF.edited}) AS edited, SUM(${EFF.hasNote} AND ${EFF.edited}) AS both
         FROM pairs p WHERE ${base.sql}
         GROUP BY p.status, p.tier, p.origin, p.perturb_type, p.swapped, p.chosen_correct,
           p.rejected_correct`
      )
      .all(base.params) as RawGroup[]
    const groups = rows.flatMap(expandGroup)

    const passing = (except: GroupFacet | null) =>
      groups.filter((g) =>
        GROUP_FACET_KEYS.every((k) => k === except || GROUP_FACETS[k](g, filter))
      )
    const tally = <V>(except: GroupFacet, value: (g: Group) => V, domain: readonly V[]) => {
      const counts = new Map<V, number>(domain.map((v) => [v, 0]))
      for (const g of passing(except)) counts.set(value(g), (counts.get(value(g)) ?? 0) + g.n)
      return [...counts].map(([v, count]) => ({ value: v, count }))
    }
    const perturbTypes = tally('perturbTypes', (g) => g.perturb_type, [] as (string | null)[])
      .filter((e): e is { value: string; count: number } => e.value !== null)
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))

    return {
      total: passing(null).reduce((sum, g) => sum + g.n, 0),
      statuses: tally('statuses', (g) => g.status as (typeof PAIR_STATUSES)[number], PAIR_STATUSES),
      tiers: tally('tiers', (g) => g.tier as (typeof TIERS)[number], TIERS),
      origins: tally('origins', (g) => g.origin as (typeof PAIR_ORIGINS)[number], PAIR_ORIGINS),
      perturbTypes,
      chosenCorrect: tally('chosenCorrect', (g) => g.cc, CORRECTNESS),
      rejectedCorrect: tally('rejectedCorrect', (g) => g.rc, CORRECTNESS),
      hasNote: tally('hasNote', (g) => g.has_note, [true, false]),
      edited: tally('edited', (g) => g.edited, [true, false]),
      tags: this.#tags(filter),
      ...this.#images(filter)
    }
  }

  /**
   * Image counts over every pair (a plain sample counts its own images), and layouts over pairs
   * on composed samples (absent when the project has none).
   */
  #images(filter: PairFilter): Pick<FacetCountsDto, 'layouts' | 'imageCounts'> {
    const perCount = compilePairFilter(filter, ['imageCounts'])
    const imageCounts = this.#s
      .get(
        `SELECT ${EFF.imageCount} AS value, COUNT(*) AS count FROM pairs p
         WHERE ${perCount.sql} GROUP BY value ORDER BY value`
      )
      .all(perCount.params) as Array<{ value: number; count: number }>
    const some = this.#s.get('SELECT EXISTS (SELECT 1 FROM compositions) AS n').get() as {
      n: 0 | 1
    }
    if (!some.n) return { imageCounts }
    const perLayout = compilePairFilter(filter, ['layouts'])
    const rows = this.#s
      .get(
        `SELECT c.layout AS value, COUNT(*) AS count FROM pairs p
         JOIN compositions c ON c.sample_id = p.sample_id
         WHERE ${perLayout.sql} GROUP BY c.layout`
      )
      .all(perLayout.params) as Array<{ value: string; count: number }>
    const layouts = new Map(rows.map((r) => [r.value, r.count]))
    return {
      layouts: COMPOSE_LAYOUTS.map((value) => ({ value, count: layouts.get(value) ?? 0 })),
      imageCounts
    }
  }

  #tags(filter: PairFilter): FacetCountsDto['tags'] {
    const where = compilePairFilter(filter, ['tags'])
    const sql =
      where.sql === '1'
        ? 'SELECT tag AS value, COUNT(*) AS count FROM pair_tags GROUP BY tag'
        : `SELECT t.tag AS value, COUNT(*) AS count FROM pair_tags t
           WHERE t.pair_id IN (SELECT p.id FROM pairs p WHERE ${where.sql}) GROUP BY t.tag`
    return this.#s
      .get(`${sql} ORDER BY count DESC, value LIMIT 100`)
      .all(where.params) as FacetCountsDto['tags']
  }
}
