/** Deeper JSON than any contract input needs; deeper bodies are refused before parsing. */
export const MAX_JSON_DEPTH = 64

/**
 * The deepest nesting of arrays and objects in a JSON text, counted without parsing it (brackets
 * inside strings are skipped), stopping as soon as `limit` is passed. Parsing and validating a
 * 100,000-deep array would cost recursion in every layer after it for no legitimate input.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}

/**
 * The same rule for an already parsed value (Electron IPC and in-memory calls have no JSON
 * text): true when arrays and objects nest deeper than `limit`. Iterative, so a hostile value
 * cannot overflow the stack here.
 */
export function valueDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (item === null || typeof item !== 'object') continue
    if (depth + 1 > limit) return true
    for (const child of Object.values(item as Record<string, unknown>)) {
      stack.push([child, depth + 1])
    }
  }
  return false
}
