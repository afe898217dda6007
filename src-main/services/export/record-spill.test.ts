import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { RecordSpill } from './record-spill'

const spillPath = (): string => join(mkdtempSync(join(tmpdir(), 'ds-spill-')), 'records.spill')

describe('RecordSpill', () => {
  it('gives back every record byte for byte, bucket by bucket, across chunk boundaries', () => {
    const path = spillPath()
    const records = new RecordSpill(path, 3)
    const texts: string[] = []
    const bucketOf = (i: number): number => (i * 7) % 3
    // ~3 MiB of records: many chunk flushes per bucket, multi-byte UTF-8, and records larger
    // than a chunk in the middle of a bucket.
    for (let i = 0; i < 3000; i++) {
      texts.push(
        i % 1000 === 500 ? 'z'.repeat(100_000 + i) : `{"i":${i},"t":"${'é😀x'.repeat(i % 300)}"}`
      )
    }
    for (const [i, text] of texts.entries()) expect(records.append(text, bucketOf(i))).toBe(i)
    records.seal()
    expect(records.count).toBe(texts.length)
    expect(records.bytes).toBe(texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0))
    for (const bucket of [2, 0, 1]) {
      const members = records.recordsOf(bucket)
      expect(members).toEqual(texts.map((_, i) => i).filter((i) => bucketOf(i) === bucket))
      records.load(bucket)
      for (const index of [...members].reverse()) {
        expect(records.text(index)).toBe(texts[index])
        const target = Buffer.alloc(records.length(index) + 4)
        records.copyTo(index, target, 2)
        expect(target.subarray(2, 2 + records.length(index)).toString()).toBe(texts[index])
      }
    }
    records.dispose()
    expect(existsSync(path)).toBe(false)
  })

  it('refuses reads out of turn and appends after sealing or outside its buckets', () => {
    const records = new RecordSpill(spillPath(), 2)
    records.append('a', 0)
    records.append('b', 1)
    expect(() => records.append('c', 2)).toThrow(/bucket 2 is outside/)
    expect(() => records.load(0)).toThrow(/before the spill was sealed/)
    records.seal()
    expect(() => records.append('d', 0)).toThrow(/after the spill was sealed/)
    records.load(1)
    expect(records.text(1)).toBe('b')
    expect(() => records.text(0)).toThrow(/its bucket was not loaded/)
    records.dispose()
  })
})
