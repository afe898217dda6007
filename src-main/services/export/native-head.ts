/** Byte offset of the line's head in a `delta_trl_head` value (after the id and the flags). */
export const NATIVE_HEAD_START = 17

const IDENTICAL = 1
const FALLBACK = 2
const NULL_TEXT = 0xffffffff

/** What the plan reads from one `delta_trl_head` value (native/delta-export.c). */
export type NativeHead =
  /** `head.subarray(NATIVE_HEAD_START)` is `trlHead(id, quoted texts, image count)`. */
  | {
      readonly kind: 'native'
      readonly id: string
      readonly identical: boolean
      readonly head: Buffer
    }
  /**
   * A text was NULL or not valid UTF-8: the extension leaves it to the JavaScript path, which
   * gets the texts decoded as better-sqlite3 decodes them (invalid bytes become U+FFFD).
   */
  | { readonly kind: 'texts'; readonly texts: [string | null, string | null, string | null] }

export function readNativeHead(value: Buffer): NativeHead {
  const flags = value[16] as number
  if ((flags & FALLBACK) === 0) {
    return {
      kind: 'native',
      id: value.toString('latin1', 0, 16),
      identical: (flags & IDENTICAL) !== 0,
      head: value
    }
  }
  const texts: Array<string | null> = []
  let at = NATIVE_HEAD_START
  for (let i = 0; i < 3; i++) {
    const length = value.readUInt32LE(at)
    at += 4
    if (length === NULL_TEXT) {
      texts.push(null)
      continue
    }
    texts.push(value.toString('utf8', at, at + length))
    at += length
  }
  return { kind: 'texts', texts: texts as [string | null, string | null, string | null] }
}
