import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'

import { openProjectFolder } from '../../project/project-folder'
import type { ProjectHandle } from '../../project/project-folder'
import { ingestBuffer } from '../../../store/media-store'
import { insertPairTexts } from '../../../store/pair-texts'
import { sampleDedupeKey } from '../../ingest/sample-writer'

/** A temp project folder with the real schema (all migrations). */
export function tempProject(): ProjectHandle {
  const dir = mkdtempSync(join(tmpdir(), 'ds-export-'))
  return openProjectFolder(join(dir, 'project'), { create: 'must', name: 'export-test' })
}

/** A small real PNG whose pixels depend on `seed`, so every seed gives distinct bytes. */
export async function makePng(seed: number, size = 24): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3)
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 31 + seed * 97) & 0xff
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer()
}

const now = '2026-01-01T00:00:00.000Z'

/** Adds an original image (bytes in media, a row in images); returns its id and hash. */
export async function addImage(
  project: ProjectHandle,
  data: Buffer,
  variantOf?: { sourceId: number; recipeKey: string }
): Promise<{ id: number; sha256: string }> {
  const stored = await ingestBuffer(project.mediaDir, data)
  const meta = await sharp(data).metadata()
  const result = project.db
    .prepare(
      `INSERT INTO images (sha256, width, height, format, bytes, origin, source_id, recipe_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      stored.sha256,
      meta.width,
      meta.height,
      meta.format,
      stored.bytes,
      variantOf ? null : 'test',
      variantOf?.sourceId ?? null,
      variantOf?.recipeKey ?? null,
      now
    )
  return { id: Number(result.lastInsertRowid), sha256: stored.sha256 }
}

export type SeedPair = {
  question: string
  chosen: string
  rejected: string
  imageIds: number[]
  tier?: 1 | 2 | 3
  status?: 'pending' | 'accepted' | 'rejected'
  origin?: 'visual-delta' | 'prompt-complexity' | 'import' | 'manual'
  recipeKey?: string
  runId?: number
  chosenEdit?: string
  swapped?: boolean
  /** Adds the pair to this existing sample instead of a new one. */
  sampleId?: number
}

/** Adds a sample with its images and one pair on it; returns the pair id. */
export function addPair(project: ProjectHandle, pair: SeedPair): number {
  const db = project.db
  let sampleId = pair.sampleId
  if (sampleId === undefined) {
    const shas = pair.imageIds.map(
      (id) =>
        (db.prepare('SELECT sha256 FROM images WHERE id = ?').get(id) as { sha256: string }).sha256
    )
    const sample = db
      .prepare(`INSERT INTO samples (question, tier, dedupe_key, created_at) VALUES (?, ?, ?, ?)`)
      .run(pair.question, pair.tier ?? 1, sampleDedupeKey(shas, pair.question), now)
    const newId = Number(sample.lastInsertRowid)
    pair.imageIds.forEach((imageId, position) => {
      db.prepare('INSERT INTO sample_images (sample_id, position, image_id) VALUES (?, ?, ?)').run(
        newId,
        position,
        imageId
      )
    })
    sampleId = newId
  }
  const result = db
    .prepare(
      `INSERT INTO pairs (sample_id, origin, run_id, chosen_edit, swapped,
                          status, tier, recipe_key, perturb_type, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      sampleId,
      pair.origin ?? 'visual-delta',
      pair.runId ?? null,
      pair.chosenEdit ?? null,
      pair.swapped ? 1 : 0,
      pair.status ?? 'accepted',
      pair.tier ?? 1,
      pair.recipeKey ?? null,
      pair.recipeKey ? pair.recipeKey.split(':')[0] : null,
      now,
      now
    )
  const pairId = Number(result.lastInsertRowid)
  insertPairTexts(db, pairId, pair.chosen, pair.rejected)
  return pairId
}

/** Adds a generation run; returns its id. */
export function addRun(project: ProjectHandle, model: string, testModel = false): number {
  const result = project.db
    .prepare(`INSERT INTO runs (model, is_test_model, params, created_at) VALUES (?, ?, '{}', ?)`)
    .run(model, testModel ? 1 : 0, now)
  return Number(result.lastInsertRowid)
}

/**
 * A small mixed project: 6 source images, single- and two-image pairs over tiers 1–3, one LQ
 * variant, an edited and a swapped pair, a pending and a rejected pair, and a duplicate.
 */
export async function seedMixedProject(project: ProjectHandle): Promise<{ pairIds: number[] }> {
  const run = addRun(project, 'tiny-vlm.gguf', true)
  const images: Array<{ id: number; sha256: string }> = []
  for (let i = 0; i < 6; i++) images.push(await addImage(project, await makePng(i)))
  await addImage(project, await makePng(100), {
    sourceId: (images[0] as { id: number }).id,
    recipeKey: 'jpeg:q10'
  })
  const ids = (i: number): number => (images[i] as { id: number }).id
  const pairIds = [
    addPair(project, {
      question: 'What color is the sky?',
      chosen: 'Blue.',
      rejected: 'Green, surely, with long words.',
      imageIds: [ids(0)],
      recipeKey: 'jpeg:q10',
      runId: run
    }),
    addPair(project, {
      question: 'How many cats?',
      chosen: 'Two.',
      rejected: 'Seven cats.',
      imageIds: [ids(0)],
      tier: 1,
      runId: run
    }),
    addPair(project, {
      question: 'Which image shows a dog, image 1 or 2?',
      chosen: 'Image 2.',
      rejected: 'Image 1.',
      imageIds: [ids(1), ids(2)],
      tier: 2,
      runId: run
    }),
    addPair(project, {
      question: 'Find the red car.',
      chosen: 'Image 3 has it.',
      rejected: 'There is none.',
      imageIds: [ids(3), ids(4), ids(5)],
      tier: 3
    }),
    addPair(project, {
      question: 'Is it raining?',
      chosen: 'No.',
      rejected: 'Yes, heavily.',
      imageIds: [ids(4)],
      chosenEdit: 'No, it is dry.'
    }),
    addPair(project, {
      question: 'What is on the table?',
      chosen: 'A cup.',
      rejected: 'A bowl.',
      imageIds: [ids(5)],
      swapped: true
    }),
    addPair(project, {
      question: 'Pending one?',
      chosen: 'a',
      rejected: 'b',
      imageIds: [ids(1)],
      status: 'pending'
    }),
    addPair(project, {
      question: 'Rejected one?',
      chosen: 'a',
      rejected: 'b',
      imageIds: [ids(2)],
      status: 'rejected'
    })
  ]
  const duplicateOf = pairIds[1] as number
  const { sample_id } = project.db
    .prepare('SELECT sample_id FROM pairs WHERE id = ?')
    .get(duplicateOf) as { sample_id: number }
  pairIds.push(
    addPair(project, {
      question: 'How many cats?',
      chosen: 'Two.',
      rejected: 'Seven cats.',
      imageIds: [ids(0)],
      tier: 1,
      sampleId: sample_id
    })
  )
  return { pairIds }
}
