import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { EXPORT_FORMATS } from '../../../../src-shared/contract/exports'
import type { ProjectHandle } from '../../project/project-folder'
import { readRows } from '../formats/dataset-readers'
import { Manifest } from './manifest'
import type { LlamaFactoryRow } from '../formats/llamafactory/row'
import type { TrlRow } from '../formats/trl/row'
import { runExport } from './run-export'
import { selfCheck } from './self-check'
import {
  addImage,
  addPair,
  makePng,
  seedMixedProject,
  tempProject
} from '../test-support/seed-project'

let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  project = null
})

async function rowsOf(dir: string, file: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = []
  for await (const item of readRows(join(dir, file))) if (item.row) rows.push(item.row)
  return rows
}

describe('runExport', () => {
  it.each(EXPORT_FORMATS)('writes a %s export that passes its self-check', async (format) => {
    project = tempProject()
    await seedMixedProject(project)
    const out = join(dirname(project.dir), `out-${format}`)
    const result = await runExport(project, out, { format })
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')))
    // 9 pairs: 1 pending + 1 rejected not accepted, 1 duplicate → 6 records (rlaif-v: 2 multi-image skipped)
    const expected = format === 'rlaif-v' ? 4 : 6
    expect(result.records).toBe(expected)
    expect(manifest.records).toBe(expected)
    expect(manifest.counts.byStatus).toEqual({ accepted: expected })
    expect(manifest.skipped.items.map((s) => s.reason)).toContainEqual(
      expect.stringMatching(/^duplicate of record/)
    )
    expect(manifest.provenance.models).toEqual([
      { model: 'tiny-vlm.gguf', records: format === 'rlaif-v' ? 2 : 3, testModel: true }
    ])
    expect(existsSync(join(out, 'README.md'))).toBe(true)
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('random-weight test model')
    const check = await selfCheck(out)
    expect(check.problems).toEqual([])
    expect(check.rows).toBe(expected)
    // No staging folder is left beside the export.
    expect(readdirSync(dirname(out)).filter((n) => n.includes('.partial-'))).toEqual([])
    const recorded = project.db.prepare('SELECT format, records FROM exports').all()
    expect(recorded).toEqual([{ format, records: expected }])
  })

  it('writes TRL rows with one image placeholder per image, edits and swaps applied', async () => {
    project = tempProject()
    await seedMixedProject(project)
    const out = join(dirname(project.dir), 'trl')
    await runExport(project, out, { format: 'trl', order: 'curriculum' })
    const rows = await rowsOf(out, 'train.jsonl')
    expect(rows.map((r) => r.tier)).toEqual([...rows.map((r) => r.tier as number)].sort())
    const trlRows = rows as unknown as Array<TrlRow<string>>
    const multi = trlRows.find((r) => r.images.length === 3) as TrlRow<string>
    expect(multi.prompt).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image' },
          { type: 'image' },
          { type: 'image' },
          { type: 'text', text: 'Find the red car.' }
        ]
      }
    ])
    expect(multi.chosen).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'Image 3 has it.' }] }
    ])
    for (const path of multi.images) expect(existsSync(join(out, path))).toBe(true)
    const textOf = (m: TrlRow<string>['chosen']): string | undefined => {
      const part = m[0]?.content[0]
      return part?.type === 'text' ? part.text : undefined
    }
    const texts = trlRows.map((r) => [textOf(r.chosen), textOf(r.rejected)])
    expect(texts).toContainEqual(['No, it is dry.', 'Yes, heavily.'])
    expect(texts).toContainEqual(['A bowl.', 'A cup.'])
  })

  it('turns judge scores and length deltas around for swapped pairs', async () => {
    project = tempProject()
    const image = await addImage(project, await makePng(7))
    const scored = (question: string, swapped: boolean): void => {
      const pairId = addPair(project as ProjectHandle, {
        question,
        chosen: 'the longer generated answer',
        rejected: 'short',
        imageIds: [image.id],
        swapped
      })
      ;(project as ProjectHandle).db
        .prepare('UPDATE pairs SET judge_score = 0.75, delta_tokens = 4 WHERE id = ?')
        .run(pairId)
    }
    scored('As generated?', false)
    scored('Swapped by a reviewer?', true)
    const out = join(dirname(project.dir), 'rlaif')
    await runExport(project, out, { format: 'rlaif-v' })
    const rows = await rowsOf(out, 'data/train-00000-of-00001.parquet')
    const byQuestion = new Map(rows.map((r) => [r.question, r]))
    expect(byQuestion.get('As generated?')).toMatchObject({
      chosen: 'the longer generated answer',
      judge_score: 0.75,
      delta_tokens: 4
    })
    expect(byQuestion.get('Swapped by a reviewer?')).toMatchObject({
      chosen: 'short',
      rejected: 'the longer generated answer',
      judge_score: 0.25,
      delta_tokens: -4
    })
  })

  it('writes LLaMA-Factory rows with <image> tokens and the dataset_info entries', async () => {
    project = tempProject()
    await seedMixedProject(project)
    const out = join(dirname(project.dir), 'lf')
    await runExport(project, out, { format: 'llamafactory', name: 'vdpo', split: 0.5, seed: 3 })
    const info = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8'))
    expect(info.vdpo_train).toEqual({
      file_name: 'vdpo_train.jsonl',
      formatting: 'sharegpt',
      ranking: true,
      columns: {
        messages: 'conversations',
        chosen: 'chosen',
        rejected: 'rejected',
        images: 'images'
      }
    })
    const rows = await rowsOf(out, 'vdpo_train.jsonl')
    for (const row of rows as unknown as LlamaFactoryRow[]) {
      const tokens = (row.conversations[0]?.value ?? '').split('<image>').length - 1
      expect(tokens).toBe(row.images.length)
      expect(row.chosen.from).toBe('gpt')
    }
  })

  it('uses the degraded variant as prompt image when asked', async () => {
    project = tempProject()
    await seedMixedProject(project)
    const variant = project.db
      .prepare('SELECT sha256 FROM images WHERE source_id IS NOT NULL')
      .get() as { sha256: string }
    const hq = join(dirname(project.dir), 'hq')
    const lq = join(dirname(project.dir), 'lq')
    await runExport(project, hq, { format: 'trl' })
    await runExport(project, lq, { format: 'trl', promptImage: 'lq' })
    const images = (rows: Array<Record<string, unknown>>): string[] =>
      rows.flatMap((r) => r.images as string[])
    expect(images(await rowsOf(hq, 'train.jsonl')).some((p) => p.includes(variant.sha256))).toBe(
      false
    )
    expect(
      images(await rowsOf(lq, 'train.jsonl')).filter((p) => p.includes(variant.sha256))
    ).toHaveLength(1)
  })

  it('re-encodes images down to the max side when asked', async () => {
    project = tempProject()
    await seedMixedProject(project)
    const out = join(dirname(project.dir), 'small')
    await runExport(project, out, { format: 'trl', images: { mode: 'reencode', maxSide: 16 } })
    const sharp = (await import('sharp')).default
    const files = readdirSync(join(out, 'images'))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      expect(file).toMatch(/-s16\.png$/)
      const meta = await sharp(join(out, 'images', file)).metadata()
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(16)
    }
  })

  it('exports every status with --status all and refuses a non-empty target', async () => {
    project = tempProject()
    await seedMixedProject(project)
    const out = join(dirname(project.dir), 'all')
    const result = await runExport(project, out, { format: 'trl', status: 'all' })
    expect(result.manifest.counts.byStatus).toEqual({ accepted: 6, pending: 1, rejected: 1 })
    await expect(runExport(project, out, { format: 'trl' })).rejects.toThrow(/not empty/)
  })

  it('proves copied images by their hash and decodes only re-encoded ones', async () => {
    project = tempProject()
    await seedMixedProject(project)
    const copied = await runExport(project, join(dirname(project.dir), 'copied'), { format: 'trl' })
    expect(copied.check.imagesChecked).toBe(copied.manifest.images.distinct)
    expect(copied.check.imagesDecoded).toBe(0)
    const small = await runExport(project, join(dirname(project.dir), 'small'), {
      format: 'trl',
      images: { mode: 'reencode', maxSide: 16 }
    })
    expect(small.check.imagesDecoded).toBe(small.manifest.images.distinct)
  })
})
