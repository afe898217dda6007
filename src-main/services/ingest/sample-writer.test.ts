import { hash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'

import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { rememberDecoded } from '../../store/decoded-media'
import { addOriginalImage } from './sample-writer'

let root: string | null = null
let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  if (root) rmSync(root, { recursive: true, force: true })
  project = null
  root = null
})

function newProject(): ProjectHandle {
  root = mkdtempSync(join(tmpdir(), 'sample-writer-'))
  project = openProjectFolder(join(root, 'p'), { create: 'must' })
  return project
}

/** A noisy PNG, whole and cut short into its pixel data (its header still reads fine). */
async function pngAndTruncated(): Promise<{ whole: Buffer; truncated: Buffer }> {
  const noise = Buffer.from(Array.from({ length: 16 * 12 * 3 }, (_, i) => (i * 89) & 0xff))
  const whole = await sharp(noise, { raw: { width: 16, height: 12, channels: 3 } })
    .png()
    .toBuffer()
  return { whole, truncated: whole.subarray(0, whole.length - 20) }
}

const shas = (p: ProjectHandle, table: 'images' | 'decoded_media') =>
  p.db.prepare(`SELECT sha256 FROM ${table} ORDER BY sha256`).pluck().all()

describe('addOriginalImage', () => {
  it('decodes an image in full before taking it, and remembers that it decodes', async () => {
    const p = newProject()
    const { whole, truncated } = await pngAndTruncated()
    await expect(addOriginalImage(p.db, p.mediaDir, { bytes: truncated }, 'test')).rejects.toThrow(
      /^not a readable image/
    )
    expect(shas(p, 'images')).toEqual([])
    expect(shas(p, 'decoded_media')).toEqual([])
    const stored = await addOriginalImage(p.db, p.mediaDir, { bytes: whole }, 'test')
    expect(stored.sha256).toBe(hash('sha256', whole))
    expect(shas(p, 'decoded_media')).toEqual([stored.sha256])
  })

  it('does not decode again content already known to decode', async () => {
    const p = newProject()
    const { truncated } = await pngAndTruncated()
    // Claimed to decode (as a past decode would have noted): only the hash is looked at.
    rememberDecoded(p.db, hash('sha256', truncated))
    const stored = await addOriginalImage(p.db, p.mediaDir, { bytes: truncated }, 'test')
    expect(shas(p, 'images')).toEqual([stored.sha256])
  })
})
