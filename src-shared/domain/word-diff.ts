/**
 * Word-level diff of two answers, for showing what the chosen and rejected texts do not share.
 * Pure and deterministic: the same inputs always give the same segments.
 */

export type DiffOp = 'equal' | 'removed' | 'added'

/** A run of text. `removed`: only in the first text; `added`: only in the second. */
export type DiffSegment = { readonly op: DiffOp; readonly text: string }

/** Above this many token comparisons the middle part is reported as one change (bounded time). */
const MAX_CELLS = 4_000_000

const TOKEN = /\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}]/gu

/** Words, single punctuation marks and whitespace runs, in order; joining them gives `text`. */
export function tokenizeWords(text: string): string[] {
  return text.match(TOKEN) ?? []
}

const keyOf = (token: string): string => (/^\s/.test(token) ? ' ' : token)

function push(out: DiffSegment[], op: DiffOp, text: string): void {
  if (text === '') return
  const last = out[out.length - 1]
  if (last && last.op === op) out[out.length - 1] = { op, text: last.text + text }
  else out.push({ op, text })
}

/**
 * Diff of `a` against `b` by longest common subsequence of word tokens. Whitespace runs compare
 * equal whatever their length. Joining the `equal` and `removed` segments gives `a` back;
 * joining `equal` and `added` gives `b` back up to whitespace (equal runs are spelled as in `a`).
 */
export function diffWords(a: string, b: string): DiffSegment[] {
  const x = tokenizeWords(a)
  const y = tokenizeWords(b)
  const out: DiffSegment[] = []

  let start = 0
  while (start < x.length && start < y.length && keyOf(x[start]!) === keyOf(y[start]!)) start++
  let endX = x.length
  let endY = y.length
  while (endX > start && endY > start && keyOf(x[endX - 1]!) === keyOf(y[endY - 1]!)) {
    endX--
    endY--
  }
  push(out, 'equal', x.slice(0, start).join(''))

  const mx = x.slice(start, endX)
  const my = y.slice(start, endY)
  if (mx.length * my.length > MAX_CELLS) {
    push(out, 'removed', mx.join(''))
    push(out, 'added', my.join(''))
  } else {
    middle(mx, my, out)
  }
  push(out, 'equal', x.slice(endX).join(''))
  return out
}

function middle(x: string[], y: string[], out: DiffSegment[]): void {
  const n = x.length
  const m = y.length
  const width = m + 1
  // lcs[i * width + j]: LCS length of x[i..] and y[j..].
  const lcs = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        keyOf(x[i]!) === keyOf(y[j]!)
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
    }
  }
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (keyOf(x[i]!) === keyOf(y[j]!)) {
      push(out, 'equal', x[i]!)
      i++
      j++
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      push(out, 'removed', x[i]!)
      i++
    } else {
      push(out, 'added', y[j]!)
      j++
    }
  }
  while (i < n) push(out, 'removed', x[i++]!)
  while (j < m) push(out, 'added', y[j++]!)
}

/** The segments one side shows: the first text (`a`) or the second (`b`). */
export function sideOfDiff(segments: readonly DiffSegment[], side: 'a' | 'b'): DiffSegment[] {
  const drop: DiffOp = side === 'a' ? 'added' : 'removed'
  return segments.filter((s) => s.op !== drop)
}
