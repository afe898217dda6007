import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import { openDatabase } from '../../db/open-database'
import { migrate } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { ImagePrefetch } from './image-prefetch'

const dir = mkdtempSync(join(tmpdir(), 'prefetch-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('ImagePrefetch', () => {
  it('hands each started probe to its row once, and a failure only to the row that takes it', async () => {
    const db = openDatabase(':memory:')
    migrate(db, migrations)
    const good = join(dir, 'good.png')
    await sharp({ create: { width: 5, height: 3, channels: 3, background: '#123456' } })
      .png()
      .toFile(good)
    const bad = join(dir, 'bad.png')
    writeFileSync(bad, 'not an image')
    const untaken = join(dir, 'untaken.png')
    writeFileSync(untaken, 'not an image either')
    const prefetch = new ImagePrefetch(db)
    for (const file of [good, bad, untaken, good]) prefetch.ahead(file)
    await expect(prefetch.take(good)).resolves.toMatchObject({ width: 5, height: 3, format: 'png' })
    expect(prefetch.take(good)).toBeUndefined()
    await expect(prefetch.take(bad)).rejects.toThrow(/^not a readable image/)
    // `untaken` is never taken: its failure must not surface as an unhandled rejection, which
    // Vitest reports as an error of this test file.
    await new Promise((resolve) => setTimeout(resolve, 50))
    db.close()
  })
})
