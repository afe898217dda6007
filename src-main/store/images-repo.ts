import type { ImageDto } from '../../src-shared/contract/pairs'
import type { Db } from '../db/open-database'
import { StatementCache, nowIso } from './write-tx'

export type NewOriginalImage = {
  readonly sha256: string
  readonly width: number
  readonly height: number
  readonly format: string
  readonly bytes: number
  readonly origin?: string | null
}

export type NewVariantImage = NewOriginalImage & {
  readonly sourceId: number
  /** Canonical recipe key (src-shared/domain/recipes.ts), e.g. `jpeg:q=10`. */
  readonly recipeKey: string
  /** The full recipe as JSON-able data, so the variant can be regenerated. */
  readonly recipe: unknown
  readonly seed?: number | null
  readonly psnr?: number | null
  readonly ssim?: number | null
  readonly ms?: number | null
}

export type OriginalImageRow = { id: number; sha256: string; origin: string | null }

type ImageRow = {
  sha256: string
  width: number
  height: number
  format: string
  recipe_key: string | null
}

/** Rows of `images`: originals (unique by hash) and derived variants (unique by source × recipe). */
export class ImagesRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  /** Records an original image once; returns its id (the existing one for a known hash). */
  insertOriginal(image: NewOriginalImage): number {
    this.#s
      .get(
        `INSERT INTO images (sha256, width, height, format, bytes, origin, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sha256) WHERE source_id IS NULL DO NOTHING`
      )
      .run(
        image.sha256,
        image.width,
        image.height,
        image.format,
        image.bytes,
        image.origin ?? null,
        nowIso()
      )
    const row = this.#s
      .get('SELECT id FROM images WHERE sha256 = ? AND source_id IS NULL')
      .get(image.sha256) as { id: number }
    return row.id
  }

  /** Records a derived variant once per source and recipe key; returns its id. */
  insertVariant(image: NewVariantImage): number {
    this.#s
      .get(
        `INSERT INTO images (sha256, width, height, format, bytes, origin, source_id, recipe_key,
           recipe, seed, psnr, ssim, ms, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_id, recipe_key) WHERE source_id IS NOT NULL DO NOTHING`
      )
      .run(
        image.sha256,
        image.width,
        image.height,
        image.format,
        image.bytes,
        image.origin ?? 'perturb',
        image.sourceId,
        image.recipeKey,
        JSON.stringify(image.recipe),
        image.seed ?? null,
        image.psnr ?? null,
        image.ssim ?? null,
        image.ms ?? null,
        nowIso()
      )
    return this.variantId(image.sourceId, image.recipeKey)!
  }

  variantId(sourceId: number, recipeKey: string): number | null {
    const row = this.#s
      .get('SELECT id FROM images WHERE source_id = ? AND recipe_key = ?')
      .get(sourceId, recipeKey) as { id: number } | undefined
    return row?.id ?? null
  }

  /** Up to `limit` originals with ids above `afterId`, in id order (of `onlyIds` when given). */
  originalsAfter(afterId: number, limit: number, onlyIds?: readonly number[]): OriginalImageRow[] {
    return onlyIds
      ? (this.#s
          .get(
            `SELECT id, sha256, origin FROM images WHERE source_id IS NULL AND id > ?
               AND id IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?`
          )
          .all(afterId, JSON.stringify(onlyIds), limit) as OriginalImageRow[])
      : (this.#s
          .get(
            'SELECT id, sha256, origin FROM images WHERE source_id IS NULL AND id > ? ORDER BY id LIMIT ?'
          )
          .all(afterId, limit) as OriginalImageRow[])
  }

  /** How many originals the project holds (of `onlyIds`, those that exist). */
  countOriginals(onlyIds?: readonly number[]): number {
    const row = onlyIds
      ? this.#s
          .get(
            'SELECT count(*) AS n FROM images WHERE source_id IS NULL AND id IN (SELECT value FROM json_each(?))'
          )
          .get(JSON.stringify(onlyIds))
      : this.#s.get('SELECT count(*) AS n FROM images WHERE source_id IS NULL').get()
    return (row as { n: number }).n
  }

  /** Mean PSNR and SSIM of the variants made with `recipeKey` from these source images. */
  variantQuality(
    recipeKey: string,
    sourceIds: readonly number[]
  ): { psnr: number | null; ssim: number | null } {
    return this.#s
      .get(
        `SELECT AVG(psnr) AS psnr, AVG(ssim) AS ssim FROM images
         WHERE recipe_key = ? AND source_id IN (SELECT value FROM json_each(?))`
      )
      .get(recipeKey, JSON.stringify(sourceIds)) as { psnr: number | null; ssim: number | null }
  }

  /** The variants already made from one source image, whatever their recipe. */
  variantsOfSource(sourceId: number): Array<{
    id: number
    sha256: string
    recipeKey: string
    psnr: number | null
    ssim: number | null
  }> {
    return this.#s
      .get(
        `SELECT id, sha256, recipe_key AS recipeKey, psnr, ssim FROM images
         WHERE source_id = ? ORDER BY id`
      )
      .all(sourceId) as Array<{
      id: number
      sha256: string
      recipeKey: string
      psnr: number | null
      ssim: number | null
    }>
  }

  /** The original images of each sample, in position order. */
  originalsOfSamples(sampleIds: readonly number[]): Map<number, ImageDto[]> {
    const rows = this.#s
      .get(
        `SELECT si.sample_id, si.position, i.sha256, i.width, i.height, i.format, i.recipe_key
         FROM sample_images si JOIN images i ON i.id = si.image_id
         WHERE si.sample_id IN (SELECT value FROM json_each(?))
         ORDER BY si.sample_id, si.position`
      )
      .all(JSON.stringify(sampleIds)) as Array<ImageRow & { sample_id: number; position: number }>
    return groupImages(rows, (r) => r.sample_id)
  }

  /** The variant (`recipeKey`) of each image of each sample that has one, in position order. */
  variantsOf(
    wanted: ReadonlyArray<{ sampleId: number; recipeKey: string }>
  ): Map<string, ImageDto[]> {
    if (!wanted.length) return new Map()
    const rows = this.#s
      .get(
        `WITH want (sample_id, recipe_key) AS (
           SELECT value ->> 0, value ->> 1 FROM json_each(?))
         SELECT w.sample_id, si.position, v.sha256, v.width, v.height, v.format, v.recipe_key
         FROM want w
         JOIN sample_images si ON si.sample_id = w.sample_id
         JOIN images v ON v.source_id = si.image_id AND v.recipe_key = w.recipe_key
         ORDER BY w.sample_id, v.recipe_key, si.position`
      )
      .all(JSON.stringify(wanted.map((w) => [w.sampleId, w.recipeKey]))) as Array<
      ImageRow & { sample_id: number; position: number }
    >
    return groupImages(rows, (r) => variantKey(r.sample_id, r.recipe_key ?? ''))
  }
}

export function variantKey(sampleId: number, recipeKey: string): string {
  return `${sampleId}\u0000${recipeKey}`
}

function groupImages<K, R extends ImageRow & { position: number }>(
  rows: readonly R[],
  key: (row: R) => K
): Map<K, ImageDto[]> {
  const out = new Map<K, ImageDto[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k) ?? []
    list.push({
      sha256: r.sha256,
      width: r.width,
      height: r.height,
      format: r.format,
      position: r.position,
      recipeKey: r.recipe_key
    })
    out.set(k, list)
  }
  return out
}
