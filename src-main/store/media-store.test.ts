import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { hashFile, ingestBuffer, ingestFile } from './media-store'

describe('media store', () => {
  it('stores files by content hash, once, and keeps the bytes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ds-media-'))
    const source = join(root, 'a.bin')
    writeFileSync(source, 'pixels')
    const first = await ingestFile(join(root, 'media'), source)
    const again = await ingestBuffer(join(root, 'media'), Buffer.from('pixels'))
    expect(first.sha256).toBe(await hashFile(source))
    expect(again.path).toBe(first.path)
    expect(readFileSync(first.path, 'utf8')).toBe('pixels')
    expect(first.path).toContain(join('media', first.sha256.slice(0, 2), first.sha256))
  })

  it('hard-links on the same file system instead of copying', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ds-media-'))
    const source = join(root, 'b.bin')
    writeFileSync(source, 'more pixels')
    const stored = await ingestFile(join(root, 'media'), source)
    expect(statSync(stored.path).ino).toBe(statSync(source).ino)
  })
})
