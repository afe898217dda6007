import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'
import type { Sharp } from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { runImport } from './run-import'

/**
 * Unusual and damaged sources: each must become a clear error naming the item and the reason
 * (the rest of the source still imports), or be handled correctly.
 */
const root = mkdtempSync(join(tmpdir(), 'ingest-hostile-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let count = 0
function newProject(): ProjectHandle {
  return openProjectFolder(join(root, `p${count++}`), { create: 'must' })
}

function reporter() {
  const errors: Array<{ item: string; reason: string }> = []
  return {
    errors,
    setTotal: () => undefined,
    advance: () => undefined,
    recordError: (item: string, reason: string) => errors.push({ item, reason })
  }
}

/** A photo-like image (smooth noise), so compressed streams have real entropy-coded data. */
async function photo(width = 160, height = 120): Promise<Sharp> {
  const pixels = Buffer.alloc(width * height * 3)
  for (let i = 0; i < pixels.length; i++) pixels[i] = ((i * 2654435761) >>> 24) & 0xff
  const blurred = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .blur(1.5)
    .png()
    .toBuffer()
  return sharp(blurred)
}

/**
 * Zeroes a run of bytes inside the compressed data, past the headers, leaving the length
 * unchanged (as a bad sector or a broken transfer does). Damage that keeps the entropy-coded
 * stream well formed decodes to wrong pixels without any decoder noticing; this kind is noticed.
 */
function zeroed(data: Buffer, at: number, length = 100): Buffer {
  return Buffer.from(data).fill(0, at, at + length)
}

/** Scrambles a run of bytes inside the compressed data, leaving the length unchanged. */
function scrambled(data: Buffer, at: number, length = 64): Buffer {
  const copy = Buffer.from(data)
  for (let i = at; i < at + length; i++) copy[i] = (copy[i]! * 7 + 13) & 0xff
  return copy
}

const src = join(root, 'src')
beforeAll(async () => {
  mkdirSync(src, { recursive: true })
  await (await photo()).png().toFile(join(src, 'good.png'))
  const jpeg = await (await photo(320, 240)).jpeg({ quality: 85 }).toBuffer()
  // Damaged at 70% of the file: a decode at reduced scale (shrink-on-load) never notices.
  writeFileSync(join(src, 'damaged-scan.jpg'), zeroed(jpeg, Math.floor(jpeg.length * 0.7)))
  const webp = await (await photo(320, 240)).webp({ quality: 80 }).toBuffer()
  writeFileSync(join(src, 'damaged-vp8.webp'), scrambled(webp, Math.floor(webp.length * 0.5)))
  writeFileSync(
    join(src, 'vector.png'),
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
      'width="10" height="10"><image xlink:href="file:///etc/hostname" width="10" height="10"/></svg>'
  )
  // 60 wide, 20 high as stored, with EXIF orientation 6: shown upright it is 20 × 60.
  await sharp({ create: { width: 60, height: 20, channels: 3, background: '#c00' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toFile(join(src, 'rotated.jpg'))
  writeFileSync(join(root, 'secret.png'), await (await photo(8, 8)).png().toBuffer())
  symlinkSync(join(root, 'secret.png'), join(src, 'link-out.png'))
  execFileSync('mkfifo', [join(src, 'pipe.png')])
})

describe('images entering the project', () => {
  it('refuses corrupt compressed data, SVG in disguise and non-regular files; imports the rest', async () => {
    const project = newProject()
    const report = reporter()
    const rows = [
      { image: 'good.png', question: 'Q1?' },
      { image: 'damaged-scan.jpg', question: 'Q2?' },
      { image: 'damaged-vp8.webp', question: 'Q3?' },
      { image: 'vector.png', question: 'Q4?' },
      { image: 'link-out.png', question: 'Q5?' },
      { image: 'pipe.png', question: 'Q6?' }
    ]
    writeFileSync(join(src, 'rows.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n'))
    const stats = await runImport(
      project,
      { source: join(src, 'rows.jsonl'), format: 'vqa-jsonl' },
      report
    )
    const reasons = Object.fromEntries(report.errors.map((e) => [e.item, e.reason]))
    expect(stats.samples).toBe(1)
    expect(reasons['line 2']).toMatch(/damaged-scan\.jpg.*not a readable image.*corrupt/i)
    expect(reasons['line 3']).toMatch(/damaged-vp8\.webp.*not a readable image/i)
    expect(reasons['line 4']).toMatch(/vector\.png.*SVG/)
    expect(reasons['line 5']).toMatch(/link-out\.png.*outside the source folder/)
    expect(reasons['line 6']).toMatch(/pipe\.png.*not a regular file/)
    const formats = project.db.prepare('SELECT format FROM images').pluck().all()
    expect(formats).toEqual(['png'])
    project.db.close()
  })

  it('stores an EXIF-rotated image upright, with the dimensions a viewer shows', async () => {
    const project = newProject()
    const report = reporter()
    writeFileSync(join(src, 'rot.jsonl'), JSON.stringify({ image: 'rotated.jpg', question: 'Q?' }))
    await runImport(project, { source: join(src, 'rot.jsonl'), format: 'vqa-jsonl' }, report)
    expect(report.errors).toEqual([])
    const row = project.db.prepare('SELECT sha256, width, height FROM images').get() as {
      sha256: string
      width: number
      height: number
    }
    expect([row.width, row.height]).toEqual([20, 60])
    const stored = join(project.mediaDir, row.sha256.slice(0, 2), row.sha256)
    const meta = await sharp(stored).metadata()
    expect([meta.width, meta.height]).toEqual([20, 60])
    expect(meta.orientation ?? 1).toBe(1)
    project.db.close()
  })
})

describe('question files', () => {
  it('reads a JSONL file whose first line starts with a UTF-8 BOM', async () => {
    const project = newProject()
    const report = reporter()
    const file = join(src, 'bom.jsonl')
    writeFileSync(file, `\ufeff${JSON.stringify({ image: 'good.png', question: 'With BOM?' })}\n`)
    const stats = await runImport(project, { source: file, format: 'vqa-jsonl' }, report)
    expect(report.errors).toEqual([])
    expect(stats.samples).toBe(1)
    project.db.close()
  })

  it('refuses lines that are not valid UTF-8, naming them, instead of replacing bytes', async () => {
    const project = newProject()
    const report = reporter()
    const file = join(src, 'latin1.jsonl')
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${JSON.stringify({ image: 'good.png', question: 'Fine?' })}\n`),
        Buffer.from('{"image": "good.png", "question": "Caf'),
        Buffer.from([0xe9]), // Latin-1 é
        Buffer.from('?"}\n')
      ])
    )
    const stats = await runImport(project, { source: file, format: 'vqa-jsonl' }, report)
    expect(stats.samples).toBe(1)
    expect(report.errors).toEqual([
      { item: 'line 2', reason: expect.stringMatching(/not valid UTF-8/) }
    ])
    const questions = project.db.prepare('SELECT question FROM samples').pluck().all()
    expect(questions.join('')).not.toContain('\ufffd')
    project.db.close()
  })

  it('says a JSON array is not JSON Lines, once', async () => {
    const project = newProject()
    const report = reporter()
    const file = join(src, 'array.jsonl')
    writeFileSync(
      file,
      JSON.stringify(
        [
          { image: 'good.png', question: 'A?' },
          { image: 'good.png', question: 'B?' }
        ],
        null,
        2
      )
    )
    await runImport(project, { source: file, format: 'vqa-jsonl' }, report)
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0]!.reason).toMatch(/a JSON array, not JSON Lines/)
    project.db.close()
  })

  it('names the field counts of a CSV row that does not match its header', async () => {
    const project = newProject()
    const report = reporter()
    const file = join(src, 'rows.csv')
    writeFileSync(
      file,
      'image,question,answer\ngood.png,Fine?,yes\ngood.png,Is it red, or blue?,red\ngood.png\n'
    )
    const stats = await runImport(project, { source: file, format: 'csv' }, report)
    expect(stats.samples).toBe(1)
    expect(report.errors).toEqual([
      { item: 'line 3', reason: expect.stringMatching(/4 fields.*header has 3/) },
      { item: 'line 4', reason: expect.stringMatching(/1 field.*header has 3/) }
    ])
    project.db.close()
  })

  it('refuses CSV rows on lines that are not valid UTF-8 and imports the others', async () => {
    const project = newProject()
    const report = reporter()
    const file = join(src, 'latin1.csv')
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('image,question\ngood.png,Fine?\ngood.png,Caf'),
        Buffer.from([0xe9]),
        Buffer.from('?\n')
      ])
    )
    const stats = await runImport(project, { source: file, format: 'csv' }, report)
    expect(stats.samples).toBe(1)
    expect(report.errors).toEqual([
      { item: 'line 3', reason: expect.stringMatching(/not valid UTF-8/) }
    ])
    project.db.close()
  })
})
