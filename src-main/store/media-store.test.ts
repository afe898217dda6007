import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import {
  hashFile,
  ingestBuffer,
  ingestFile,
  readVerifiedMedia,
  verifyMediaFile
} from './media-store'

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

  it('owns its bytes: editing the source in place afterwards leaves the stored original intact', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ds-media-'))
    const source = join(root, 'b.bin')
    writeFileSync(source, 'original pixels')
    const stored = await ingestFile(join(root, 'media'), source)
    expect(statSync(stored.path).ino).not.toBe(statSync(source).ino)
    // An editor saving in place: same inode, new bytes.
    const handle = openSync(source, 'r+')
    writeSync(handle, 'EDITED!!', 0)
    closeSync(handle)
    expect(readFileSync(stored.path, 'utf8')).toBe('original pixels')
    expect(await hashFile(stored.path)).toBe(stored.sha256)
  })

  it('reads media only while their bytes still match their hash', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ds-media-'))
    const mediaDir = join(root, 'media')
    const stored = await ingestBuffer(mediaDir, Buffer.from('trusted'))
    expect(Buffer.from(await readVerifiedMedia(mediaDir, stored.sha256)).toString()).toBe('trusted')
    await expect(verifyMediaFile(mediaDir, stored.sha256)).resolves.toBeUndefined()
    writeFileSync(stored.path, 'tampered')
    await expect(readVerifiedMedia(mediaDir, stored.sha256)).rejects.toThrow(
      new RegExp(`media file ${stored.sha256} no longer matches its SHA-256`)
    )
    await expect(verifyMediaFile(mediaDir, stored.sha256)).rejects.toThrow(/no longer matches/)
    await expect(readVerifiedMedia(mediaDir, 'f'.repeat(64))).rejects.toThrow(
      /media file f{64} is missing/
    )
  })
})
