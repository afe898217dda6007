import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

import sharp from 'sharp'

import { mediaFilePath } from '../../src-main/media/media-paths'
import type { ProjectHandle } from '../../src-main/services/project/project-folder'
import { insertPairTexts } from '../../src-main/store/pair-texts'
import { sampleDedupeKey } from '../../src-main/services/ingest/sample-writer'

const BASES = 16
const TX_ROWS = 10_000

/**
 * Distinct JPEGs without encoding each one: a few noisy 640×480 bases are encoded once, and each
 * image gets its own JPEG comment segment (FF FE) right after the SOI marker, so every file is
 * a valid, decodable JPEG with its own bytes and hash, sized like a real photo.
 */
async function jpegBases(): Promise<Buffer[]> {
  const bases: Buffer[] = []
  for (let b = 0; b < BASES; b++) {
    const width = 640
    const height = 480
    const raw = Buffer.alloc(width * height * 3)
    let state = (b + 1) * 2654435761
    for (let i = 0; i < raw.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      raw[i] = ((state >>> 24) >> 1) + (((i / 3) % width) * 127) / width
    }
    bases.push(
      await sharp(raw, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer()
    )
  }
  return bases
}

function withComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, 'ascii')
  const segment = Buffer.alloc(4 + body.length)
  segment[0] = 0xff
  segment[1] = 0xfe
  segment.writeUInt16BE(body.length + 2, 2)
  body.copy(segment, 4)
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)])
}

export type SeedFigures = { images: number; imageBytes: number; pairs: number }

/**
 * Seeds a bench project straight through SQL (one transaction per 10k rows): `images` distinct
 * JPEG originals in the media store, and `pairs` accepted pairs over them (image i % images),
 * tiers 1–3, with one run for provenance.
 */
export async function seedBenchProject(
  project: ProjectHandle,
  counts: { images: number; pairs: number },
  log: (line: string) => void
): Promise<SeedFigures> {
  const db = project.db
  const now = new Date().toISOString()
  const bases = await jpegBases()
  const images: Array<{ sha256: string; bytes: number }> = []
  for (let i = 0; i < counts.images; i++) {
    const data = withComment(bases[i % BASES] as Buffer, `delta-studio bench image ${i}`)
    const sha256 = createHash('sha256').update(data).digest('hex')
    const file = mediaFilePath(project.mediaDir, sha256)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, data)
    images.push({ sha256, bytes: data.length })
  }
  const imageIds: number[] = []
  const insertImage = db.prepare(
    `INSERT INTO images (sha256, width, height, format, bytes, origin, created_at)
     VALUES (?, 640, 480, 'jpeg', ?, 'bench', ?)`
  )
  db.transaction(() => {
    for (const image of images) {
      imageIds.push(Number(insertImage.run(image.sha256, image.bytes, now).lastInsertRowid))
    }
  })()
  log(`seeded ${images.length} images`)
  const run = Number(
    db
      .prepare(`INSERT INTO runs (model, params, created_at) VALUES ('bench-model.gguf', '{}', ?)`)
      .run(now).lastInsertRowid
  )
  const insertSample = db.prepare(
    'INSERT INTO samples (question, tier, dedupe_key, created_at) VALUES (?, ?, ?, ?)'
  )
  const linkImage = db.prepare(
    'INSERT INTO sample_images (sample_id, position, image_id) VALUES (?, 0, ?)'
  )
  const insertPair = db.prepare(
    `INSERT INTO pairs (sample_id, origin, run_id, status, tier,
       recipe_key, perturb_type, delta_tokens, created_at, updated_at)
     VALUES (?, 'visual-delta', ?, 'accepted', ?, 'jpeg:20', 'jpeg', ?, ?, ?)`
  )
  for (let start = 0; start < counts.pairs; start += TX_ROWS) {
    db.transaction(() => {
      for (let i = start; i < Math.min(start + TX_ROWS, counts.pairs); i++) {
        const image = i % images.length
        const question = `Question ${i}: what is shown in the image, and what colour dominates it?`
        const tier = (i % 3) + 1
        const sample = Number(
          insertSample.run(
            question,
            tier,
            sampleDedupeKey([(images[image] as { sha256: string }).sha256], question),
            now
          ).lastInsertRowid
        )
        linkImage.run(sample, imageIds[image])
        const pair = Number(insertPair.run(sample, run, tier, 12, now, now).lastInsertRowid)
        insertPairTexts(
          db,
          pair,
          `A noisy gradient texture; the left side is darker than the right (pair ${i}).`,
          `It is a detailed photograph of a busy street with many red cars, people and shops (pair ${i}).`
        )
      }
    })()
    log(`seeded ${Math.min(start + TX_ROWS, counts.pairs)} pairs`)
  }
  return {
    images: images.length,
    imageBytes: images.reduce((sum, image) => sum + image.bytes, 0),
    pairs: counts.pairs
  }
}
