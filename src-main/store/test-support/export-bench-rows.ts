import { sampleDedupeKey } from '../../services/ingest/sample-writer'
import type { Db } from '../../db/open-database'
import { insertPairTexts } from '../pair-texts'

const TX_ROWS = 10_000

/**
 * The rows of `bench:export`'s project, straight through SQL (one transaction per 10k rows):
 * `images` (already in the media store) as JPEG originals, and `pairs` accepted pairs over them
 * (image i % images), tiers 1–3, with one run for provenance.
 */
export function insertBenchRows(
  db: Db,
  images: ReadonlyArray<{ sha256: string; bytes: number }>,
  pairs: number,
  log: (line: string) => void
): void {
  const now = new Date().toISOString()
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
  for (let start = 0; start < pairs; start += TX_ROWS) {
    db.transaction(() => {
      for (let i = start; i < Math.min(start + TX_ROWS, pairs); i++) {
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
    log(`seeded ${Math.min(start + TX_ROWS, pairs)} pairs`)
  }
}
