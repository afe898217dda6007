import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { RecordSpill } from './record-spill'

const spillPath = (): string => join(mkdtempSync(join(tmpdir(), 'ds-spill-')), 'records.spill')

describe('RecordSpill', () => {
  it('gives back every record byte for byte, in any order, across chunk boundaries', () => {
    const path = spillPath()
    const records = new RecordSpill(path)
    const texts: string[] = []
    // ~3 MiB of records: several chunks, multi-byte UTF-8 and a record larger than a chunk.
    for (let i = 0; i < 3000; i++) texts.push(`{"i":${i},"t":"${'é😀x'.repeat(i % 300)}"}`)
    texts.push('z'.repeat(3 << 20))
    for (const text of texts) records.append(text)
    records.seal()
    expect(records.count).toBe(texts.length)
    expect(records.bytes).toBe(texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0))
    for (const index of [3000, 2999, 0, 1500, 7, 2500]) {
      expect(records.text(index)).toBe(texts[index])
      const target = Buffer.alloc(records.length(index) + 4)
      records.copyTo(index, target, 2)
      expect(target.subarray(2, 2 + records.length(index)).toString()).toBe(texts[index])
    }
    records.dispose()
    expect(existsSync(path)).toBe(false)
  })

  it('refuses reads before the records are sealed and appends after', () => {
    const records = new RecordSpill(spillPath())
    records.append('a')
    expect(() => records.text(0)).toThrow(/before the spill was sealed/)
    records.seal()
    expect(() => records.append('b')).toThrow(/after the spill was sealed/)
    records.dispose()
  })
})
