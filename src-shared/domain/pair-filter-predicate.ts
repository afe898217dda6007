import { normalizePairFilter } from './pair-filter'
import type { Correctness, NumRange, PairFilter, PairOrigin, PairStatus } from './pair-filter'

/** The fields of a pair the filter reads; a `PairDto` satisfies it. */
export type PairFilterSubject = {
  readonly sampleId: number
  readonly tier: number
  readonly status: PairStatus
  readonly origin: PairOrigin
  readonly perturbType: string | null
  readonly perturbLevel: number | null
  readonly deltaTokens: number | null
  readonly judgeScore: number | null
  readonly chosenCorrect: boolean | null
  readonly rejectedCorrect: boolean | null
  readonly tags: readonly string[]
  readonly note: string | null
  readonly chosenEdited: boolean
  readonly rejectedEdited: boolean
  readonly run: { readonly id: number } | null
  readonly question: string
  readonly chosen: string
  readonly rejected: string
}

/**
 * The filter's meaning, in memory: the SQL compiler must select exactly the pairs for which this
 * returns true (a property test checks it). Full text is approximated: each query word must be
 * a prefix of some word of the question or an answer, ignoring case and accents.
 */
export function matchesPairFilter(filter: PairFilter, pair: PairFilterSubject): boolean {
  const f = normalizePairFilter(filter)
  const inList = <T>(list: readonly T[] | undefined, value: T) => !list || list.includes(value)
  if (!inList(f.tiers as readonly number[] | undefined, pair.tier)) return false
  if (!inList(f.statuses, pair.status)) return false
  if (!inList(f.origins, pair.origin)) return false
  if (f.perturbTypes && (pair.perturbType === null || !f.perturbTypes.includes(pair.perturbType)))
    return false
  if (!inRange(f.perturbLevel, pair.perturbLevel)) return false
  if (!inRange(f.deltaTokens, pair.deltaTokens)) return false
  if (!inRange(f.judgeScore, pair.judgeScore)) return false
  if (!inList(f.chosenCorrect, correctness(pair.chosenCorrect))) return false
  if (!inList(f.rejectedCorrect, correctness(pair.rejectedCorrect))) return false
  if (f.tags && !f.tags.some((t) => pair.tags.includes(t))) return false
  if (f.hasNote !== undefined && f.hasNote !== (pair.note !== null && pair.note !== ''))
    return false
  if (f.edited !== undefined && f.edited !== (pair.chosenEdited || pair.rejectedEdited))
    return false
  if (f.runIds && (pair.run === null || !f.runIds.includes(pair.run.id))) return false
  if (f.sampleId !== undefined && f.sampleId !== pair.sampleId) return false
  if (f.text) {
    const words = new Set(textWords(`${pair.question} ${pair.chosen} ${pair.rejected}`))
    for (const term of textWords(f.text)) {
      if (![...words].some((w) => w.startsWith(term))) return false
    }
  }
  return true
}

export function correctness(value: boolean | null): Correctness {
  return value === null ? 'unknown' : value ? 'correct' : 'wrong'
}

function inRange(range: NumRange | undefined, value: number | null): boolean {
  if (!range) return true
  if (value === null) return false
  if (range.min !== undefined && value < range.min) return false
  if (range.max !== undefined && value > range.max) return false
  return true
}

/** Lower-cased, accent-free word tokens (letters and digits), as FTS5's unicode61 sees them. */
export function textWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}
