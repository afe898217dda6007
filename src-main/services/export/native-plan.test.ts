import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ExportOptionsInput } from '../../../src-shared/contract/exports'
import { deltaExportExtension } from '../../native/delta-export-extension'
import type { ProjectHandle } from '../project/project-folder'
import { exportImageName } from './image-sink'
import { openExportReader, planPairs } from './pair-source'
import type { ExportImage } from './pair-source'
import { writeNativeSplits } from './native-plan'
import { exportRecords } from './run-export'
import { exportTrl } from './test-support/export-trl'
import { ENCODERS } from './writers'
import { addImage, addPair, addRun, makePng, tempProject } from './test-support/seed-project'

/** More than two of the native plan's chunks (2048 rows each). */
const PAIRS = 4600

let project: ProjectHandle
let fallbackIds: number[] = []

/**
 * Pairs over 30 images (some with two, some with an LQ variant), repeated texts (duplicates),
 * identical answers, two runs, and rows the native loop must leave to JavaScript: texts that are
 * not UTF-8 at and around the chunk boundaries, and an image whose format it cannot name.
 */
beforeAll(async () => {
  project = tempProject()
  const runs = [addRun(project, 'model-a.gguf'), addRun(project, 'tiny.gguf', true)]
  const images: number[] = []
  for (let i = 0; i < 30; i++) images.push((await addImage(project, await makePng(i))).id)
  await addImage(project, await makePng(500), {
    sourceId: images[3] as number,
    recipeKey: 'jpeg:q10'
  })
  project.db.prepare(`UPDATE images SET format = 'PNG' WHERE id = ?`).run(images[4])
  project.db.prepare(`UPDATE images SET format = 'pngé' WHERE id = ?`).run(images[5])
  const ids: number[] = []
  // Pairs i and i + 1500 share a sample (question and images), and every fifth pair's answers.
  const samples = new Map<string, number>()
  const sampleOf = project.db.prepare('SELECT sample_id FROM pairs WHERE id = ?').pluck()
  project.db.transaction(() => {
    for (let i = 0; i < PAIRS; i++) {
      const n = i % 1500
      const imageIds = i % 7 === 0 ? [images[n % 30], images[(n + 15) % 30]] : [images[n % 30]]
      const sampleKey = `${n}:${imageIds.length}`
      const sampleId = samples.get(sampleKey)
      const id = addPair(project, {
        question: `Q${n} "quoted" ünï`,
        chosen: i % 97 === 0 ? 'same ' : `c${i % 5 === 0 ? n : i}`,
        rejected: i % 97 === 0 ? ' same' : `r${i % 5 === 0 ? n : i}`,
        imageIds: imageIds as number[],
        tier: ((i % 3) + 1) as 1 | 2 | 3,
        status: i % 11 === 0 ? 'pending' : 'accepted',
        origin: i % 13 === 0 ? 'manual' : 'visual-delta',
        ...(sampleId === undefined ? {} : { sampleId }),
        ...(i % 4 === 0 ? { recipeKey: 'jpeg:q10' } : {}),
        ...(i % 6 === 0 ? {} : { runId: runs[i % 2] as number })
      })
      if (sampleId === undefined) samples.set(sampleKey, sampleOf.get(id) as number)
      ids.push(id)
    }
  })()
  fallbackIds = [1, 2047, 2048, 2049, 2050, 4097].map((index) => ids[index] as number)
  const notUtf8 = project.db.prepare(
    `UPDATE pair_texts SET rejected_text = CAST(x'62ff' AS TEXT) WHERE pair_id = ?`
  )
  for (const id of fallbackIds) notUtf8.run(id)
})

afterAll(() => project.db.close())

/** Plans `trl` with or without the native loop; returns every record's line and the plan. */
async function plan(native: boolean, input: Record<string, unknown>) {
  const options = ExportOptionsInput.parse({ format: 'trl', ...input })
  const reader = openExportReader(project.db, native ? deltaExportExtension() : null)
  const spill = exportRecords(join(dirname(project.dir), `${native}-${Math.random()}.spill`))
  const placer = {
    place: (image: ExportImage) => `images/${exportImageName(image, options.images)}`
  }
  try {
    const result = await planPairs(
      reader,
      options,
      spill,
      ENCODERS.trl(placer),
      native ? { nativeImages: placer } : {}
    )
    const lines: string[] = []
    for (let bucket = 0; bucket < spill.bucketCount; bucket++) {
      spill.load(bucket)
      for (const index of spill.recordsOf(bucket)) lines[index] = spill.text(index)
    }
    const { stats, ...arrays } = result
    return {
      lines,
      arrays,
      stats: { ...stats, models: [...stats.models], recipes: [...stats.recipes] }
    }
  } finally {
    spill.dispose()
    reader.close()
  }
}

describe('the native export plan', () => {
  it.each([
    {},
    { order: 'curriculum', promptImage: 'lq', seed: 7 },
    { dedupe: false, status: 'all' },
    { images: { mode: 'reencode', maxSide: 256 } }
  ])('plans exactly what the JavaScript loop plans, across chunks: %j', async (input) => {
    expect(deltaExportExtension()).not.toBeNull()
    const native = await plan(true, input)
    const js = await plan(false, input)
    expect(native.lines.length).toBeGreaterThan(3000)
    expect(native.lines).toEqual(js.lines)
    expect(native.arrays).toEqual(js.arrays)
    expect(native.stats).toEqual(js.stats)
    // The rows left to JavaScript were planned in their place, not dropped or moved.
    const kept = new Set(native.arrays.pairIds)
    expect(fallbackIds.filter((id) => kept.has(id)).length).toBeGreaterThan(3)
    expect(native.lines.some((line) => line.includes('.pngé"'))).toBe(true)
    expect(native.lines.some((line) => line.includes('.png"'))).toBe(true)
  })

  it('reports the same skips, duplicates and identical answers included', async () => {
    const native = await plan(true, {})
    const reasons = new Set(native.stats.skipped.map((skip) => skip.reason.split(' ')[0]))
    expect(reasons).toEqual(new Set(['duplicate', 'chosen']))
    expect(native.stats.skipped).toEqual((await plan(false, {})).stats.skipped)
  })

  it.each<{ split: number; order?: 'curriculum'; seed?: number }>([
    { split: 0.8 },
    { split: 0.7, order: 'curriculum', seed: 11 }
  ])('writes the same split files as the JavaScript write phase: %j', async (input) => {
    const tag = `${input.split}-${input.order ?? 'mixed'}`
    const native = await exportTrl(project, `written-native-${tag}`, true, input)
    const js = await exportTrl(project, `written-js-${tag}`, false, input)
    expect(Object.keys(native.files).sort()).toEqual(['train', 'validation'])
    expect(native.files.train?.split('\n').length).toBeGreaterThan(1000)
    expect(native.files).toEqual(js.files)
  })

  it('names a split file it cannot create, and never writes over one that exists', async () => {
    const options = ExportOptionsInput.parse({ format: 'trl' })
    const reader = openExportReader(project.db, deltaExportExtension())
    const spill = exportRecords(join(dirname(project.dir), `refused-${Math.random()}.spill`))
    const placer = {
      place: (image: ExportImage) => `images/${exportImageName(image, options.images)}`
    }
    try {
      const result = await planPairs(reader, options, spill, ENCODERS.trl(placer), {
        nativeImages: placer
      })
      const splits = result.pairIds.map(() => 'train' as const)
      const existing = join(dirname(project.dir), `existing-${Math.random()}.jsonl`)
      writeFileSync(existing, 'kept')
      const write = (train: string) =>
        writeNativeSplits(reader, splits, { train, validation: null }, async () => undefined)
      await expect(write(join(project.dir, 'no-such-folder', 'train.jsonl'))).rejects.toThrow(
        /the export file .*no-such-folder\/train\.jsonl cannot be created: No such file/
      )
      await expect(write(existing)).rejects.toThrow(/cannot be created: File exists/)
      expect(readFileSync(existing, 'utf8')).toBe('kept')
    } finally {
      spill.dispose()
      reader.close()
    }
  })
})
