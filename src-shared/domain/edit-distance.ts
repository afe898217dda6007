/** Longest text compared character by character; longer texts are compared word by word. */
const MAX_CHAR_UNITS = 2000

/** Levenshtein distance between two sequences (insert, delete, substitute cost 1). */
export function levenshtein<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length < b.length) return levenshtein(b, a)
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }
    previous = current
  }
  return previous[b.length]!
}

/**
 * Edit distance divided by the longer length: 0 for identical texts, 1 for texts with nothing
 * in common (and 0 for two empty texts). Characters (code points) for texts up to 2,000
 * characters; longer texts are compared over words so the cost stays bounded.
 */
export function normalizedEditDistance(a: string, b: string): number {
  const charsA = [...a]
  const charsB = [...b]
  const byChars = charsA.length <= MAX_CHAR_UNITS && charsB.length <= MAX_CHAR_UNITS
  const unitsA = byChars ? charsA : a.split(/\s+/).filter(Boolean)
  const unitsB = byChars ? charsB : b.split(/\s+/).filter(Boolean)
  const longest = Math.max(unitsA.length, unitsB.length)
  return longest === 0 ? 0 : levenshtein(unitsA, unitsB) / longest
}
