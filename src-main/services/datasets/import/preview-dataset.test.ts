import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EXPORT_FORMATS } from '../../../../src-shared/contract/exports'
import { createCore } from '../../../app/compose'
import type { Core } from '../../../app/compose'
import { coreCaller } from '../../../app/test-support/core-caller'
import type { ProjectHandle } from '../../project/project-folder'
import { runExport } from '../export/run-export'
import { makePng, seedMixedProject, tempProject } from '../test-support/seed-project'

const root = mkdtempSync(join(tmpdir(), 'dataset-preview-'))
let core: Core
let call: ReturnType<typeof coreCaller>
let seeded: ProjectHandle
const exported: Record<string, number> = {}

const good = {
  prompt: [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: 'What is it?' }] }],
  chosen: [{ role: 'assistant', content: [{ type: 'text', text: 'A pattern.' }] }],
  rejected: [{ role: 'assistant', content: [{ type: 'text', text: 'A cat.' }] }],
  images: ['imgs/a.png']
}

beforeAll(async () => {
  seeded = tempProject()
  await seedMixedProject(seeded)
  for (const format of EXPORT_FORMATS) {
    exported[format] = (await runExport(seeded, join(root, format), { format })).records
  }
  const external = join(root, 'external')
  mkdirSync(join(external, 'imgs'), { recursive: true })
  writeFileSync(join(external, 'imgs', 'a.png'), await makePng(1))
  const lines = [
    good,
    { ...good, images: ['../outside.png'] },
    { ...good, chosen: [{ role: 'user', content: 'wrong role' }] }
  ]
  writeFileSync(
    join(external, 'train.jsonl'),
    `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n${JSON.stringify(good)}\n`
  )
  mkdirSync(join(root, 'unknown'))
  writeFileSync(join(root, 'unknown', 'data.jsonl'), `${JSON.stringify({ foo: 1, bar: 2 })}\n`)
  mkdirSync(join(root, 'broken'))
  writeFileSync(join(root, 'broken', 'data.json'), '[{"conversations": [')
  mkdirSync(join(root, 'empty'))
  core = createCore({ host: 'memory', projectDir: join(root, 'project') })
  call = coreCaller(core)
}, 60_000)

afterAll(async () => {
  await core?.dispose()
  seeded?.db.close()
  rmSync(root, { recursive: true, force: true })
})

describe('exports.importPreview', () => {
  it.each(EXPORT_FORMATS)('detects a %s export and checks its first rows', async (format) => {
    const preview = await call('exports.importPreview', { source: join(root, format), limit: 3 })
    expect(preview.format).toBe(format)
    expect(preview.ownExport).toBe(true)
    expect(preview.files.length).toBeGreaterThan(0)
    expect(preview.preview).toHaveLength(Math.min(3, exported[format]!))
    for (const row of preview.preview) {
      expect(row.error, row.where).toBeNull()
      expect(row.where).toMatch(/ row \d+$/)
      expect(row.question).toBeTruthy()
      expect(row.chosen).toBeTruthy()
      expect(row.rejected).toBeTruthy()
      expect(row.images.length).toBeGreaterThan(0)
    }
  })

  it('names each refused row as the import would, stops at the limit and writes nothing', async () => {
    const media = readdirSync(join(root, 'project', 'media'), { recursive: true })
    const preview = await call('exports.importPreview', {
      source: join(root, 'external'),
      limit: 4
    })
    expect(preview).toMatchObject({
      format: 'trl',
      ownExport: false,
      files: [{ split: 'train', path: 'train.jsonl' }]
    })
    expect(preview.preview.map((r) => [r.where, r.error])).toEqual([
      ['train.jsonl row 1', null],
      ['train.jsonl row 2', 'image "../outside.png" is outside the source folder'],
      ['train.jsonl row 3', 'chosen must be one assistant turn'],
      ['train.jsonl row 4', expect.stringMatching(/^invalid JSON/)]
    ])
    expect(preview.preview[0]).toMatchObject({
      images: ['imgs/a.png'],
      question: 'What is it?',
      chosen: 'A pattern.',
      rejected: 'A cat.'
    })
    expect(readdirSync(join(root, 'project', 'media'), { recursive: true })).toEqual(media)
    expect((await call('stats.get', {})).pairs).toBe(0)
  })

  it('refuses what it cannot read with BAD_INPUT naming the file', async () => {
    const refused = (source: string, format?: 'trl') =>
      call('exports.importPreview', { source, ...(format ? { format } : {}) })
    await expect(refused(join(root, 'nope'))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/nope does not exist/)
    })
    await expect(refused(join(root, 'empty'))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/empty holds no \.parquet, \.jsonl or \.json data file/)
    })
    await expect(refused(join(root, 'unknown'))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(
        /data\.jsonl: cannot tell its format from its columns \(foo, bar\)/
      )
    })
    // A forced format reads the file but refuses each row by that format's rules.
    const forced = await call('exports.importPreview', {
      source: join(root, 'unknown'),
      format: 'trl'
    })
    expect(forced.preview[0]).toMatchObject({
      where: 'data.jsonl row 1',
      error: expect.any(String)
    })
    await expect(refused(join(root, 'broken'))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/data\.json: invalid JSON/)
    })
  })
})
