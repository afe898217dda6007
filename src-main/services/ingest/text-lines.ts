/** One line of a text file: its 1-based number, and its text or why it has none. */
export type TextLine =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly invalid: string }

const strict = new TextDecoder('utf-8', { fatal: true })

/**
 * Splits a file's bytes into lines (LF or CRLF) and decodes each as strict UTF-8. A UTF-8 byte
 * order mark before the first line is dropped. A line that is not valid UTF-8 comes back with
 * the reason, naming the byte offset within the line, instead of having its bytes silently
 * replaced by U+FFFD: a question or answer must never change on the way in.
 */
export function utf8Lines(data: Uint8Array): TextLine[] {
  const bytes = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data
  const lines: TextLine[] = []
  let start = 0
  let number = 1
  for (;;) {
    const end = bytes.indexOf(0x0a, start)
    const stop = end < 0 ? bytes.length : end
    const raw = bytes.subarray(start, stop > start && bytes[stop - 1] === 0x0d ? stop - 1 : stop)
    try {
      lines.push({ line: number, text: strict.decode(raw) })
    } catch {
      lines.push({
        line: number,
        invalid: `not valid UTF-8 (at byte ${firstInvalidByte(raw) + 1} of the line)`
      })
    }
    if (end < 0) return lines
    start = end + 1
    number++
  }
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidByte(raw: Uint8Array): number {
  for (let i = 0; i < raw.length;) {
    const b = raw[i]!
    const length =
      b < 0x80
        ? 1
        : b >= 0xc2 && b <= 0xdf
          ? 2
          : b >= 0xe0 && b <= 0xef
            ? 3
            : b >= 0xf0 && b <= 0xf4
              ? 4
              : 0
    if (length === 0) return i
    try {
      strict.decode(raw.subarray(i, i + length))
    } catch {
      return i
    }
    i += length
  }
  return raw.length
}
