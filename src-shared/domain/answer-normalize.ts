/**
 * Answer normalization for comparing model answers with each other and with ground truth
 * (VQA-style): case, whitespace, punctuation, articles, number words and number formatting.
 * Pure; the same rules run in the generation job and in any UI that explains a pair.
 */

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  none: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
  twenty: '20'
}

const ARTICLES = new Set(['a', 'an', 'the'])

const CANONICAL_NUMBER = /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/

/** A number as written in answers: optional sign, thousands separators, decimals. */
const NUMBER_PATTERN = /[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+/g

/**
 * Canonical spelling of a number: no thousands separators, no leading zeros, no trailing
 * decimal zeros, `-0` as `0` ("1,000.50" → "1000.5", "007" → "7").
 */
export function canonicalNumber(text: string): string {
  const value = Number(text.replace(/,/g, ''))
  if (!Number.isFinite(value)) return text
  return String(Object.is(value, -0) ? 0 : value)
}

/** Every number written in `text`, in order, as values ("3 of 1,200" → [3, 1200]). */
export function extractNumbers(text: string): number[] {
  const words = text
    .toLowerCase()
    .split(/(\s+)/)
    .map((w) => NUMBER_WORDS[w.replace(/[^a-z]/g, '')] ?? w)
    .join('')
  return (words.match(NUMBER_PATTERN) ?? [])
    .map((n) => Number(n.replace(/,/g, '')))
    .filter(Number.isFinite)
}

/**
 * The normalized form of an answer: lower case; numbers in canonical form; number words
 * zero–twenty as digits; punctuation removed (a decimal point inside a number and a leading
 * minus are kept); articles dropped; whitespace collapsed. Two answers that normalize equal
 * say the same thing for the purposes of pair building.
 */
export function normalizeAnswer(text: string): string {
  const lowered = text.toLowerCase().normalize('NFKC')
  const withNumbers = lowered.replace(NUMBER_PATTERN, (n) => ` ${canonicalNumber(n)} `)
  return withNumbers
    .split(/\s+/)
    .flatMap((token) =>
      // Canonical numbers keep their sign and decimal point; elsewhere punctuation splits words.
      CANONICAL_NUMBER.test(token) ? [token] : token.replace(/[^\p{L}\p{N}]+/gu, ' ').split(' ')
    )
    .filter((word) => word !== '' && !ARTICLES.has(word))
    .map((word) => NUMBER_WORDS[word] ?? word)
    .join(' ')
}

/** True when the two answers differ after normalization (the label-free pair condition). */
export function answersDiffer(a: string, b: string): boolean {
  return normalizeAnswer(a) !== normalizeAnswer(b)
}
