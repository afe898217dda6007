import { createHash, randomBytes } from 'node:crypto'

import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'

import { contentId, quoteTexts } from '../services/export/content-id'
import { trlHead } from '../services/export/trl-line'
import { deltaExportExtension, nativeExportUnavailable } from './delta-export-extension'

let db: Database.Database

/** Byte offset of the line's head in a `delta_trl_head` value (after the id and the flags). */
const NATIVE_HEAD_START = 17

const IDENTICAL = 1
const FALLBACK = 2
const NULL_TEXT = 0xffffffff

/** One `delta_trl_head` value (native/delta-export.c), read. */
type NativeHead =
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

function readNativeHead(value: Buffer): NativeHead {
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

beforeAll(() => {
  const path = deltaExportExtension()
  // CI has a C compiler: the extension must build there, or the native path goes untested.
  expect(nativeExportUnavailable()).toBeNull()
  db = new Database(':memory:')
  db.loadExtension(path as string)
})

/** Texts as JavaScript reads them back from SQLite (a lone surrogate does not survive). */
function roundTrip(texts: string[]): string[] {
  return db
    .prepare(`SELECT ${texts.map(() => '?').join(', ')}`)
    .raw()
    .get(...texts) as string[]
}

const TEXTS = [
  'What is shown?',
  'Say "hi" \\ back\\slash',
  'control \u0000\u0001\b\f\n\r\t\u001f\u007f end',
  'ünïcödé 中文 🐱 \u2028\u2029',
  '  padded  ',
  '\u3000\ufeff\u00a0padded\u2029\u205f\n',
  'padded',
  ''
]
const LISTS = [
  'a1:jpeg:10:a1',
  'a1:jpeg:10:a1,b2:png:20:r2,c3:webp:30:c3',
  'a1:jpeg:10:r1:v1:jpeg:5'
]

describe('delta_trl_head', () => {
  it('builds the id, the trim flag and the line head exactly as the JavaScript path does', () => {
    const head = db.prepare('SELECT delta_trl_head(?, ?, ?, ?)').pluck()
    let compared = 0
    for (const question of TEXTS.slice(0, 4)) {
      for (const chosen of TEXTS) {
        for (const rejected of TEXTS) {
          for (const list of LISTS) {
            const value = readNativeHead(head.get(question, chosen, rejected, list) as Buffer)
            const quoted = quoteTexts({ question, chosen, rejected })
            const shas = list.split(',').map((entry) => entry.split(':')[0])
            const id = contentId(quoted, JSON.stringify(shas))
            expect(value).toMatchObject({
              kind: 'native',
              id,
              identical: chosen.trim() === rejected.trim()
            })
            if (value.kind !== 'native') continue
            expect(value.head.toString('utf8', NATIVE_HEAD_START)).toBe(
              trlHead(id, quoted, shas.length)
            )
            compared++
          }
        }
      }
    }
    expect(compared).toBe(4 * TEXTS.length * TEXTS.length * LISTS.length)
  })

  it('hands texts that are not valid UTF-8 back for the JavaScript path, decoded as SQLite reads them', () => {
    const texts = ['lone \ud800 surrogate', 'fine', 'also fine']
    const value = db
      .prepare(`SELECT delta_trl_head(?, ?, ?, 'a1:jpeg:10:a1')`)
      .pluck()
      .get(...texts) as Buffer
    expect(readNativeHead(value)).toEqual({ kind: 'texts', texts: roundTrip(texts) })
    const cast = db
      .prepare(`SELECT delta_trl_head(CAST(x'61ff62' AS TEXT), 'c', NULL, 'a1:jpeg:10:a1')`)
      .pluck()
      .get() as Buffer
    expect(readNativeHead(cast)).toEqual({ kind: 'texts', texts: ['a\ufffdb', 'c', null] })
  })

  it('returns NULL for a record without images', () => {
    expect(db.prepare(`SELECT delta_trl_head('q', 'c', 'r', NULL)`).pluck().get()).toBeNull()
  })
})

describe('delta_sha256', () => {
  it('matches node:crypto across block boundaries, portable and with the CPU SHA extensions', () => {
    const hash = db.prepare('SELECT delta_sha256(?, ?)').pluck()
    for (let length = 0; length <= 200; length++) {
      const data = randomBytes(length)
      const expected = createHash('sha256').update(data).digest('hex')
      expect(hash.get(data, 'portable')).toBe(expected)
      expect(hash.get(data, 'native')).toBe(expected)
    }
  })

  it('gives the same digest fed in pieces, as the split files are hashed while written', () => {
    const hash = db.prepare('SELECT delta_sha256(?, ?, ?)').pluck()
    const data = randomBytes(1000)
    const expected = createHash('sha256').update(data).digest('hex')
    for (const piece of [1, 7, 63, 64, 65, 128, 333, 999]) {
      expect(hash.get(data, 'native', piece)).toBe(expected)
      expect(hash.get(data, 'portable', piece)).toBe(expected)
    }
  })
})
