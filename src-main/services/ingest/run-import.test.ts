import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { parseCsv } from './csv-parse'
import { runImport } from './run-import'

const root = mkdtempSync(join(tmpdir(), 'import-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function png(path: string, colour: string): Promise<void> {
  await sharp({ create: { width: 16, height: 12, channels: 3, background: colour } })
    .png()
    .toFile(path)
}

function newProject(name: string): ProjectHandle {
  return openProjectFolder(join(root, name), { create: 'must' })
}

function reporter() {
  const errors: Array<{ item: string; reason: string }> = []
  let total = 0
  let done = 0
  return {
    errors,
    get total() {
      return total
    },
    get done() {
      return done
    },
    setTotal: (n: number) => (total = n),
    advance: (n = 1) => (done += n),
    recordError: (item: string, reason: string) => errors.push({ item, reason })
  }
}

const src = join(root, 'src')
beforeAll(async () => {
  mkdirSync(join(src, 'imgs'), { recursive: true })
  await png(join(src, 'imgs', 'a.png'), '#ff0000')
  await png(join(src, 'imgs', 'b.png'), '#00ff00')
  await png(join(src, 'c.png'), '#0000ff')
  writeFileSync(join(src, 'broken.png'), 'not an image')
  // A real image cut short into its pixel data: its header reads fine, only a decode fails.
  const noise = Buffer.from(Array.from({ length: 16 * 12 * 3 }, (_, i) => (i * 97) & 0xff))
  const whole = await sharp(noise, { raw: { width: 16, height: 12, channels: 3 } })
    .png()
    .toBuffer()
  writeFileSync(join(src, 'truncated.png'), whole.subarray(0, whole.length - 20))
  writeFileSync(
    join(root, 'outside.png'),
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer()
  )
  symlinkSync(join(root, 'outside.png'), join(src, 'sneaky.png'))
})

describe('runImport: VQA JSONL', () => {
  it('imports valid rows, reports each bad row with its line and reason, and skips duplicates', async () => {
    const file = join(src, 'vqa.jsonl')
    writeFileSync(
      file,
      [
        JSON.stringify({ image: 'imgs/a.png', question: 'What colour?', answer: 'red', id: 'q1' }),
        JSON.stringify({
          images: ['imgs/a.png', 'imgs/b.png'],
          question: 'Compare image 1 and image 2.',
          source: 'x'
        }),
        JSON.stringify({ image: 'imgs/a.png', question: '  what   COLOUR? ' }),
        '{bad json',
        JSON.stringify({ image: 'imgs/missing.png', question: 'Q?' }),
        JSON.stringify({ image: '../outside.png', question: 'Q?' }),
        JSON.stringify({ image: 'sneaky.png', question: 'Q?' }),
        JSON.stringify({ image: 'broken.png', question: 'Q?' }),
        JSON.stringify({ image: 'truncated.png', question: 'Q?' }),
        JSON.stringify({ image: 'c.png' }),
        JSON.stringify({ image: 'c.png', question: 'How many?', answers: ['2', '3', '2'] }),
        ''
      ].join('\n')
    )
    const project = newProject('jsonl')
    const report = reporter()
    const stats = await runImport(project, { source: file, format: 'auto' }, report)
    expect(stats).toMatchObject({
      format: 'vqa-jsonl',
      rows: 11,
      samples: 3,
      duplicates: 1,
      errors: 7
    })
    expect(report.done).toBe(report.total)
    expect(report.errors).toEqual([
      { item: 'line 4', reason: expect.stringMatching(/^invalid JSON/) },
      { item: 'line 5', reason: 'image "imgs/missing.png" does not exist' },
      { item: 'line 6', reason: 'image "../outside.png" is outside the source folder' },
      { item: 'line 7', reason: 'image "sneaky.png" is outside the source folder' },
      {
        item: 'line 8',
        reason: expect.stringMatching(/^image "broken.png" is not a readable image/)
      },
      {
        item: 'line 9',
        reason: expect.stringMatching(/^image "truncated.png" is not a readable image/)
      },
      { item: 'line 10', reason: expect.stringMatching(/^no question/) }
    ])
    // Every image taken in decoded in full, so exports prove it decodes by its hash.
    const taken = project.db.prepare('SELECT sha256 FROM images ORDER BY sha256').pluck().all()
    expect(taken).toHaveLength(3)
    expect(
      project.db.prepare('SELECT sha256 FROM decoded_media ORDER BY sha256').pluck().all()
    ).toEqual(taken)
    const samples = project.db
      .prepare(
        'SELECT external_id, ground_truth, tier, tier_source, metadata FROM samples ORDER BY id'
      )
      .all()
    expect(samples).toEqual([
      { external_id: 'q1', ground_truth: 'red', tier: 1, tier_source: 'auto', metadata: null },
      {
        external_id: null,
        ground_truth: null,
        tier: 2,
        tier_source: 'auto',
        metadata: '{"source":"x"}'
      },
      { external_id: null, ground_truth: '2', tier: 1, tier_source: 'auto', metadata: null }
    ])
    // Running it again changes nothing: every valid row is now a duplicate.
    const again = await runImport(project, { source: file, format: 'vqa-jsonl' }, reporter())
    expect(again).toMatchObject({ samples: 0, duplicates: 4 })
    project.db.close()
  })
})

describe('runImport: CSV and folders', () => {
  it('imports CSV rows with quoted fields and several images per cell', async () => {
    const file = join(src, 'rows.csv')
    writeFileSync(
      file,
      'image,question,answer\r\nimgs/a.png;imgs/b.png,"Which is red, image 1 or image 2?",image 1\r\nc.png,"Say ""hi""",\n'
    )
    const project = newProject('csv')
    const stats = await runImport(project, { source: file, format: 'csv' }, reporter())
    expect(stats).toMatchObject({ format: 'csv', rows: 2, samples: 2, errors: 0, images: 3 })
    const questions = project.db
      .prepare('SELECT question, ground_truth FROM samples ORDER BY id')
      .all()
    expect(questions).toEqual([
      { question: 'Which is red, image 1 or image 2?', ground_truth: 'image 1' },
      { question: 'Say "hi"', ground_truth: null }
    ])
    project.db.close()
  })

  it('imports a folder with questions.jsonl, plus its other images with --question', async () => {
    const folder = join(root, 'folder')
    mkdirSync(folder)
    await png(join(folder, 'x.png'), '#123456')
    await png(join(folder, 'y.png'), '#654321')
    writeFileSync(
      join(folder, 'questions.jsonl'),
      `${JSON.stringify({ image: 'x.png', question: 'Colour?' })}\n`
    )
    const project = newProject('folder-project')
    const stats = await runImport(
      project,
      { source: folder, format: 'auto', defaultQuestion: 'Describe the image.' },
      reporter()
    )
    expect(stats).toMatchObject({ format: 'folder', samples: 2, images: 2, errors: 0 })
    project.db.close()
  })
})

describe('parseCsv', () => {
  it('keeps quoted commas, quotes and newlines and reports line numbers', () => {
    expect(parseCsv('a,b\n"x, y","multi\nline"\n3,"q""uote"')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'multi\nline'] },
      { line: 4, fields: ['3', 'q"uote'] }
    ])
    expect(() => parseCsv('a\n"open')).toThrow(/line 2: a quoted field is never closed/)
  })
})
