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
  readonly deltaChars: number | null
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
  readonly composition?: { readonly layout: string; readonly imageCount: number } | null
  /** The sample's own images: what a pair on a sample that is not composed shows. */
  readonly hqImages: readonly unknown[]
}

/**
 * Images a pair's sample shows: a composition's count (a grid collage is one file of several
 * cells), else the sample's own images, so a plain visual-delta pair counts one.
 */
export function pairImageCount(pair: PairFilterSubject): number {
  return pair.composition?.imageCount ?? pair.hqImages.length
}

/**
 * The filter's meaning, in memory: the SQL compiler must select exactly the pairs for which this
 * returns true (a property test checks it). Full text follows `parseTextQuery`: every term must
 * occur in the question or in one of the two effective answers.
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
  if (!inRange(f.deltaChars, pair.deltaChars)) return false
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
  const composition = pair.composition ?? null
  if (f.layouts && (composition === null || !(f.layouts as string[]).includes(composition.layout)))
    return false
  if (f.imageCounts && !f.imageCounts.includes(pairImageCount(pair))) return false
  if (f.text) {
    const fields = [pair.question, pair.chosen, pair.rejected].map(textWords)
    for (const term of parseTextQuery(f.text)) {
      if (!fields.some((words) => containsTerm(words, term))) return false
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

/** One term of a text query: a word (prefix match unless it is one letter) or a quoted phrase. */
export type TextTerm = { readonly words: readonly string[]; readonly prefix: boolean }

/**
 * Splits a text query into terms, all of which must match. A bare word matches any word it
 * starts (`car` finds `cars`), except a one-letter word, which matches only itself. A
 * `"quoted phrase"` matches those words in that order. Case and accents are ignored.
 */
export function parseTextQuery(input: string): TextTerm[] {
  const terms: TextTerm[] = []
  const re = /"([^"]*)"|([^\s"]+)/g
  let match: RegExpExecArray | null
  while ((match = re.exec(input)) !== null) {
    if (match[1] !== undefined) {
      const words = textWords(match[1])
      if (words.length) terms.push({ words, prefix: false })
    } else {
      for (const word of textWords(match[2] ?? '')) {
        terms.push({ words: [word], prefix: word.length > 1 })
      }
    }
  }
  return terms
}

function containsTerm(words: readonly string[], term: TextTerm): boolean {
  const n = term.words.length
  for (let i = 0; i + n <= words.length; i++) {
    let ok = true
    for (let k = 0; k < n && ok; k++) {
      const word = words[i + k]!
      const want = term.words[k]!
      ok = term.prefix && k === n - 1 ? word.startsWith(want) : word === want
    }
    if (ok) return true
  }
  return false
}
