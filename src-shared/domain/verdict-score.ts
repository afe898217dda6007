/**
 * Soft verdicts from a judge's first-token logprobs (methods.md §2): the probability of each
 * verdict label is read from `top_logprobs`, never from the sampled text, and
 * `s(A≻B) = p(A) / (p(A) + p(B))`.
 */

export type TopLogprob = { readonly token: string; readonly logprob: number }

/** The two labels a judge answers with, first-shown candidate first (e.g. `A` and `B`). */
export type VerdictLabels = readonly [first: string, second: string]

/**
 * The label a token spells, if any: case, surrounding white space and light punctuation are
 * variants of the same verdict (`"A"`, `" A"`, `"a"`, `"(A"`, `"A."` all spell A).
 */
export function verdictOf(token: string, labels: VerdictLabels): 0 | 1 | null {
  const bare = token
    .trim()
    .replace(/^[("'*[]+/, '')
    .replace(/[)"'*.:,\]]+$/, '')
    .toLowerCase()
  if (bare === labels[0].toLowerCase()) return 0
  if (bare === labels[1].toLowerCase()) return 1
  return null
}

export type VerdictMass = {
  /** Summed probability of every variant of the first label among the top logprobs. */
  readonly first: number
  readonly second: number
}

export function verdictMass(top: readonly TopLogprob[], labels: VerdictLabels): VerdictMass {
  let first = 0
  let second = 0
  // A server may list one token twice (bytes merged into a piece); count each token text once.
  const seen = new Set<string>()
  for (const t of top) {
    if (seen.has(t.token)) continue
    seen.add(t.token)
    const v = verdictOf(t.token, labels)
    if (v === 0) first += Math.exp(t.logprob)
    else if (v === 1) second += Math.exp(t.logprob)
  }
  return { first, second }
}

/**
 * Probability that the first-shown candidate wins, or null ("no verdict") when no variant of
 * either label is among the top logprobs. A label missing from the list counts as zero mass:
 * its true probability is below the last listed one, so a judge that lists only "A" is sure.
 */
export function softVerdict(top: readonly TopLogprob[], labels: VerdictLabels): number | null {
  const { first, second } = verdictMass(top, labels)
  const total = first + second
  return total > 0 ? first / total : null
}

/** The hard verdict of a sampled text (1: first wins, 0: second wins), or null. */
export function hardVerdict(text: string, labels: VerdictLabels): number | null {
  const v = verdictOf(text, labels)
  return v === null ? null : v === 0 ? 1 : 0
}

/**
 * One comparison of X and Y asked in both orders: `xFirst` is s(X≻Y) with X shown first,
 * `yFirst` is s(Y≻X) with Y shown first. The result is P(X≻Y) averaged over both orders, which
 * cancels a position bias; with only one order answered it is that order's value.
 */
export type BothOrders = {
  readonly xFirst: number | null
  readonly yFirst: number | null
}

export function combineOrders(o: BothOrders): number | null {
  const a = o.xFirst
  const b = o.yFirst === null ? null : 1 - o.yFirst
  if (a === null) return b
  if (b === null) return a
  return (a + b) / 2
}

/**
 * Position bias of one comparison: how much more the judge favours whichever candidate comes
 * first, `(s(first wins | X first) + s(first wins | Y first)) / 2 − 0.5`, in −0.5..0.5; null
 * unless both orders answered.
 */
export function orderEffect(o: BothOrders): number | null {
  if (o.xFirst === null || o.yFirst === null) return null
  return (o.xFirst + o.yFirst) / 2 - 0.5
}
