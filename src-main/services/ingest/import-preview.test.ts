import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCore } from '../../app/compose'
import type { Core } from '../../app/compose'
import { coreCaller } from '../../app/test-support/core-caller'

const root = mkdtempSync(join(tmpdir(), 'import-preview-'))
let core: Core
let client: { call: ReturnType<typeof coreCaller> }

async function png(path: string, colour: string): Promise<void> {
  await sharp({ create: { width: 16, height: 12, channels: 3, background: colour } })
    .png()
    .toFile(path)
}

beforeAll(async () => {
  mkdirSync(join(root, 'folder'))
  await png(join(root, 'folder', 'a.png'), '#f00')
  await png(join(root, 'folder', 'b.png'), '#0f0')
  await png(join(root, 'folder', 'loose.png'), '#00f')
  writeFileSync(
    join(root, 'folder', 'questions.jsonl'),
    [
      JSON.stringify({ image: 'a.png', question: 'What colour?', answer: 'red' }),
      '{"image": "b.png", "question": ',
      JSON.stringify({ image: 'missing.png', question: 'Where?' }),
      JSON.stringify({ image: 'b.png' })
    ].join('\n')
  )
  mkdirSync(join(root, 'empty'))
  writeFileSync(join(root, 'empty', 'notes.txt'), 'no images here')
  writeFileSync(
    join(root, 'prefs.jsonl'),
    JSON.stringify({ images: ['x.png'], prompt: 'q', chosen: 'a', rejected: 'b' }) + '\n'
  )
  core = createCore({ host: 'memory', projectDir: join(root, 'project') })
  client = { call: coreCaller(core) }
})
afterAll(async () => {
  await core?.dispose()
  rmSync(root, { recursive: true, force: true })
})

describe('ingest.preview', () => {
  it('detects a folder with its questions file and checks the first rows as the import would', async () => {
    const before = readdirSync(join(root, 'project', 'media'), { recursive: true })
    const preview = await client.call('ingest.preview', {
      source: join(root, 'folder'),
      format: 'auto'
    })
    expect(preview).toMatchObject({
      format: 'folder',
      questionsFile: 'questions.jsonl',
      rows: 4,
      looseImages: 1,
      parseErrorCount: 1,
      hint: null
    })
    expect(preview.parseErrors[0]).toMatchObject({ where: 'questions.jsonl line 2' })
    expect(preview.preview).toEqual([
      {
        where: 'questions.jsonl line 1',
        images: ['a.png'],
        question: 'What colour?',
        answer: 'red',
        error: null
      },
      expect.objectContaining({
        where: 'questions.jsonl line 3',
        error: 'image "missing.png" does not exist'
      }),
      expect.objectContaining({
        where: 'questions.jsonl line 4',
        error: expect.stringMatching(/no question/)
      })
    ])
    // Nothing was written: no media, no samples.
    expect(readdirSync(join(root, 'project', 'media'), { recursive: true })).toEqual(before)
    expect((await client.call('stats.get', {})).samples).toBe(0)
  })

  it('refuses a folder with no images, naming it, and an unknown path', async () => {
    await expect(
      client.call('ingest.preview', { source: join(root, 'empty'), format: 'auto' })
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/empty" holds no images/)
    })
    await expect(
      client.call('ingest.preview', { source: join(root, 'nope'), format: 'auto' })
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/nope" does not exist/)
    })
  })

  it('points a preference dataset to the dataset import', async () => {
    const preview = await client.call('ingest.preview', {
      source: join(root, 'prefs.jsonl'),
      format: 'auto'
    })
    expect(preview.format).toBe('vqa-jsonl')
    expect(preview.hint).toMatch(/preference dataset/)
  })

  it('an import job of a folder with no images fails with the same message and adds nothing', async () => {
    const { jobId } = await client.call('jobs.start', {
      kind: 'import',
      params: { source: join(root, 'empty') }
    })
    let job = await client.call('jobs.get', { id: jobId })
    for (let i = 0; i < 100 && !['failed', 'completed'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 50))
      job = await client.call('jobs.get', { id: jobId })
    }
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/holds no images/)
    expect((await client.call('stats.get', {})).samples).toBe(0)
  })
})
