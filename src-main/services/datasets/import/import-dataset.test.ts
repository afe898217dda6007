import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { EXPORT_FORMATS } from '../../../../src-shared/contract/exports'
import type { ProjectHandle } from '../../project/project-folder'
import { readRows } from '../formats/dataset-readers'
import { runExport } from '../export/run-export'
import { makePng, seedMixedProject, tempProject } from '../test-support/seed-project'
import { importDataset } from './import-dataset'

const open: ProjectHandle[] = []
afterEach(() => {
  for (const project of open.splice(0)) project.db.close()
})

function project(): ProjectHandle {
  const handle = tempProject()
  open.push(handle)
  return handle
}

/** Every row of an export, split by split; provenance columns that name the project dropped. */
async function rowsOf(dir: string): Promise<Record<string, unknown[]>> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    splits: Record<string, { file: string }>
  }
  const result: Record<string, unknown[]> = {}
  for (const [split, info] of Object.entries(manifest.splits)) {
    const rows: unknown[] = []
    for await (const item of readRows(join(dir, info.file))) {
      const { origin_dataset, origin_split, origin, judge_score, delta_tokens, ...row } =
        item.row ?? {}
      void [origin_dataset, origin_split, origin, judge_score, delta_tokens]
      rows.push(row)
    }
    result[split] = rows
  }
  return result
}

describe('importDataset', () => {
  it.each(EXPORT_FORMATS)(
    'round-trips %s: export → import → export gives equal rows',
    async (format) => {
      const first = project()
      await seedMixedProject(first)
      const a = join(dirname(first.dir), 'a')
      const exported = await runExport(first, a, {
        format,
        split: 0.6,
        seed: 9,
        order: 'curriculum'
      })

      const second = project()
      const result = await importDataset(second, a, { status: 'accepted' })
      expect(result.errors).toEqual([])
      expect(result).toMatchObject({ format, imported: exported.records, duplicates: 0 })
      const b = join(dirname(second.dir), 'b')
      const again = await runExport(second, b, { format, split: 0.6, seed: 9, order: 'curriculum' })
      expect(again.records).toBe(exported.records)
      expect(await rowsOf(b)).toEqual(await rowsOf(a))
      if (format === 'trl' || format === 'llamafactory') {
        const file = format === 'trl' ? 'train.jsonl' : 'delta_studio_train.jsonl'
        expect(readFileSync(join(b, file), 'utf8')).toBe(readFileSync(join(a, file), 'utf8'))
      }

      // Importing the same dataset again adds nothing.
      const twice = await importDataset(second, a, { status: 'accepted' })
      expect(twice).toMatchObject({ imported: 0, duplicates: exported.records })
    }
  )

  it('imports an external TRL dataset, reporting bad rows by file, row and reason', async () => {
    const target = project()
    const dir = join(dirname(target.dir), 'external')
    mkdirSync(join(dir, 'imgs'), { recursive: true })
    writeFileSync(join(dir, 'imgs', 'a.png'), await makePng(1))
    const good = {
      prompt: [
        { role: 'user', content: [{ type: 'image' }, { type: 'text', text: 'What is it?' }] }
      ],
      chosen: [{ role: 'assistant', content: [{ type: 'text', text: 'A pattern.' }] }],
      rejected: [{ role: 'assistant', content: [{ type: 'text', text: 'A cat.' }] }],
      images: ['imgs/a.png']
    }
    const lines = [
      good,
      { ...good, images: ['imgs/a.png', 'imgs/a.png'] },
      { ...good, images: ['../outside.png'], prompt: [{ role: 'user', content: 'Plain?' }] },
      { ...good, chosen: [{ role: 'user', content: 'wrong role' }] }
    ]
    writeFileSync(
      join(dir, 'train.jsonl'),
      `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`
    )
    const result = await importDataset(target, dir)
    expect(result.format).toBe('trl')
    expect(result.imported).toBe(1)
    expect(result.errors).toEqual([
      { item: 'train.jsonl row 2', reason: '1 image placeholders but 2 images' },
      {
        item: 'train.jsonl row 3',
        reason: 'image "../outside.png" is outside the source folder'
      },
      { item: 'train.jsonl row 4', reason: 'chosen must be one assistant turn' },
      { item: 'train.jsonl row 5', reason: expect.stringMatching(/^invalid JSON/) }
    ])
    const pair = target.db
      .prepare(
        'SELECT origin, status, chosen_text, rejected_text FROM pairs JOIN pair_texts ON pair_id = id'
      )
      .get()
    expect(pair).toEqual({
      origin: 'import',
      status: 'pending',
      chosen_text: 'A pattern.',
      rejected_text: 'A cat.'
    })
  })

  it('names a folder it cannot read', async () => {
    const target = project()
    const empty = join(dirname(target.dir), 'empty')
    mkdirSync(empty)
    await expect(importDataset(target, empty)).rejects.toThrow(
      /holds no \.parquet, \.jsonl or \.json data file/
    )
  })
})
