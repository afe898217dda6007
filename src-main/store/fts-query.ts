import { parseTextQuery } from '../../src-shared/domain/pair-filter-predicate'

/**
 * Turns what a person typed into a safe FTS5 MATCH expression with the meaning of
 * `parseTextQuery`. Tokens are reduced to letters and digits, so no FTS5 operator or quote can
 * be injected. Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const parts = parseTextQuery(input).map((term) =>
    term.prefix ? `"${term.words.join(' ')}"*` : `"${term.words.join(' ')}"`
  )
  return parts.length ? parts.join(' AND ') : null
}
