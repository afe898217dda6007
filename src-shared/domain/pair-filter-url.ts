import {
  COMPOSE_LAYOUTS,
  CORRECTNESS,
  DEFAULT_PAIR_SORT,
  PAIR_ORIGINS,
  PAIR_SORT_KEYS,
  PAIR_STATUSES,
  PairFilter,
  normalizePairFilter
} from './pair-filter'
import type { NumRange, PairSort } from './pair-filter'

/**
 * URL form of a filter, so a filtered view can be bookmarked, shared and restored on reload.
 * Lists repeat their key (`status=pending&status=accepted`), ranges are `min..max` with either
 * side optional, booleans are `1`/`0`, the sort is `key:dir`. Unknown or malformed values are
 * dropped on read rather than failing: a hand-edited URL still opens.
 */

/** The part of URLSearchParams the reader needs (src-shared has no DOM types). */
export type SearchParamsLike = { getAll(name: string): string[] }

const KEYS = {
  tiers: 'tier',
  statuses: 'status',
  origins: 'origin',
  perturbTypes: 'ptype',
  perturbLevel: 'plevel',
  deltaTokens: 'dtok',
  deltaChars: 'dchar',
  judgeScore: 'judge',
  chosenCorrect: 'cc',
  rejectedCorrect: 'rc',
  tags: 'tag',
  hasNote: 'note',
  edited: 'edited',
  runIds: 'run',
  sampleId: 'sample',
  layouts: 'layout',
  imageCounts: 'images',
  text: 'q'
} as const satisfies Record<keyof PairFilter, string>

/** Every URL key the filter and sort use; a page keeps its other params untouched. */
export const PAIR_FILTER_URL_KEYS: readonly string[] = [...Object.values(KEYS), 'sort']

/** Filter (and sort, unless it is the default) as ordered `[key, value]` entries. */
export function pairFilterToSearchParams(
  filter: PairFilter,
  sort: PairSort = DEFAULT_PAIR_SORT
): Array<[string, string]> {
  const f = normalizePairFilter(filter)
  const out: Array<[string, string]> = []
  const list = (key: string, values: readonly (string | number)[] | undefined) =>
    values?.forEach((v) => out.push([key, String(v)]))
  const range = (key: string, r: NumRange | undefined) => {
    if (r) out.push([key, `${r.min ?? ''}..${r.max ?? ''}`])
  }
  const bool = (key: string, b: boolean | undefined) => {
    if (b !== undefined) out.push([key, b ? '1' : '0'])
  }
  list(KEYS.tiers, f.tiers)
  list(KEYS.statuses, f.statuses)
  list(KEYS.origins, f.origins)
  list(KEYS.perturbTypes, f.perturbTypes)
  range(KEYS.perturbLevel, f.perturbLevel)
  range(KEYS.deltaTokens, f.deltaTokens)
  range(KEYS.deltaChars, f.deltaChars)
  range(KEYS.judgeScore, f.judgeScore)
  list(KEYS.chosenCorrect, f.chosenCorrect)
  list(KEYS.rejectedCorrect, f.rejectedCorrect)
  list(KEYS.tags, f.tags)
  bool(KEYS.hasNote, f.hasNote)
  bool(KEYS.edited, f.edited)
  list(KEYS.runIds, f.runIds)
  list(KEYS.layouts, f.layouts)
  list(KEYS.imageCounts, f.imageCounts)
  if (f.sampleId !== undefined) out.push([KEYS.sampleId, String(f.sampleId)])
  if (f.text) out.push([KEYS.text, f.text])
  if (sort.key !== DEFAULT_PAIR_SORT.key || sort.dir !== DEFAULT_PAIR_SORT.dir) {
    out.push(['sort', `${sort.key}:${sort.dir}`])
  }
  return out
}

/** `a=1&b=2` form (no leading `?`), percent-encoded. */
export function pairFilterToQueryString(filter: PairFilter, sort?: PairSort): string {
  return pairFilterToSearchParams(filter, sort)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')
}

/** Reads a filter and sort back; the result always parses as a valid `PairFilter`. */
export function pairFilterFromSearchParams(params: SearchParamsLike): {
  filter: PairFilter
  sort: PairSort
} {
  const pick = <T extends string>(key: string, allowed: readonly T[]): T[] | undefined => {
    const values = params
      .getAll(key)
      .filter((v): v is T => (allowed as readonly string[]).includes(v))
    return values.length ? values : undefined
  }
  const ints = (key: string, ok: (n: number) => boolean): number[] | undefined => {
    const values = params
      .getAll(key)
      .map(Number)
      .filter((n) => Number.isInteger(n) && ok(n))
    return values.length ? values : undefined
  }
  const range = (key: string): NumRange | undefined => {
    const raw = params.getAll(key)[0]
    const match = raw?.match(/^(-?[\d.]*)\.\.(-?[\d.]*)$/)
    if (!match) return undefined
    const num = (s: string | undefined) => (s ? Number(s) : undefined)
    const min = num(match[1])
    const max = num(match[2])
    const r: NumRange = {}
    if (min !== undefined && Number.isFinite(min)) r.min = min
    if (max !== undefined && Number.isFinite(max)) r.max = max
    return r.min === undefined && r.max === undefined ? undefined : r
  }
  const bool = (key: string): boolean | undefined => {
    const raw = params.getAll(key)[0]
    return raw === '1' ? true : raw === '0' ? false : undefined
  }
  const strings = (key: string): string[] | undefined => {
    const values = params
      .getAll(key)
      .map((v) => v.trim())
      .filter((v) => v.length > 0 && v.length <= 64)
    return values.length ? values : undefined
  }

  const candidate: PairFilter = {
    tiers: ints(KEYS.tiers, (n) => n >= 1 && n <= 3) as PairFilter['tiers'],
    statuses: pick(KEYS.statuses, PAIR_STATUSES),
    origins: pick(KEYS.origins, PAIR_ORIGINS),
    perturbTypes: strings(KEYS.perturbTypes),
    perturbLevel: range(KEYS.perturbLevel),
    deltaTokens: range(KEYS.deltaTokens),
    deltaChars: range(KEYS.deltaChars),
    judgeScore: range(KEYS.judgeScore),
    chosenCorrect: pick(KEYS.chosenCorrect, CORRECTNESS),
    rejectedCorrect: pick(KEYS.rejectedCorrect, CORRECTNESS),
    tags: strings(KEYS.tags),
    hasNote: bool(KEYS.hasNote),
    edited: bool(KEYS.edited),
    runIds: ints(KEYS.runIds, (n) => n > 0),
    sampleId: ints(KEYS.sampleId, (n) => n > 0)?.[0],
    layouts: pick(KEYS.layouts, COMPOSE_LAYOUTS),
    imageCounts: ints(KEYS.imageCounts, (n) => n >= 1 && n <= 64),
    text: params.getAll(KEYS.text)[0]?.slice(0, 500)
  }
  const parsed = PairFilter.safeParse(normalizePairFilter(candidate))
  const filter = parsed.success ? parsed.data : {}

  let sort = DEFAULT_PAIR_SORT
  const [key, dir] = (params.getAll('sort')[0] ?? '').split(':')
  if (
    (PAIR_SORT_KEYS as readonly string[]).includes(key ?? '') &&
    (dir === 'asc' || dir === 'desc')
  ) {
    sort = { key: key as PairSort['key'], dir }
  }
  return { filter, sort }
}
