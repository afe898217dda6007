import { parseRecipe } from '../../../src-shared/domain/recipes'
import type { Db } from '../../db/open-database'
import { mediaFilePath } from '../../media/media-paths'
import { processSource } from '../perturb/process-source'

export type VariantRow = {
  readonly imageId: number
  readonly sha256: string
  readonly psnr: number | null
  readonly ssim: number | null
}

/**
 * The variants of one original image for the given recipe keys, rendering (and recording in
 * `images`) only the ones that do not exist yet. A variant is computed once per source and recipe
 * whoever asks. Returns a map by recipe key.
 * @throws Error with the reason when the source cannot be decoded.
 */
export async function ensureVariants(
  db: Db,
  mediaDir: string,
  source: { id: number; sha256: string },
  keys: readonly string[]
): Promise<Map<string, VariantRow>> {
  const existing = new Map<string, VariantRow>()
  const select = db.prepare(
    'SELECT id, sha256, recipe_key, psnr, ssim FROM images WHERE source_id = ?'
  )
  const load = (): void => {
    for (const row of select.all(source.id) as Array<{
      id: number
      sha256: string
      recipe_key: string
      psnr: number | null
      ssim: number | null
    }>) {
      existing.set(row.recipe_key, {
        imageId: row.id,
        sha256: row.sha256,
        psnr: row.psnr,
        ssim: row.ssim
      })
    }
  }
  load()
  const missing = keys.filter((key) => !existing.has(key))
  if (missing.length === 0) return existing
  const recipes = missing.map((key) => parseRecipe(key))
  const result = await processSource({
    path: mediaFilePath(mediaDir, source.sha256),
    item: `image ${source.id}`,
    sourceSha256: source.sha256,
    recipes,
    mediaDir
  })
  if (!result.ok) throw new Error(result.message)
  const insert = db.prepare(
    `INSERT INTO images (sha256, width, height, format, bytes, origin, source_id, recipe_key,
       recipe, seed, psnr, ssim, ms, created_at)
     VALUES (?, ?, ?, ?, ?, 'variant', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
  )
  const now = new Date().toISOString()
  db.transaction(() => {
    result.variants.forEach((variant, i) => {
      const recipe = recipes[i]!
      const noise = recipe.steps.find((step) => step.type === 'noise')
      insert.run(
        variant.sha256,
        variant.width,
        variant.height,
        variant.format,
        variant.bytes,
        source.id,
        variant.recipeKey,
        JSON.stringify(recipe),
        noise && noise.type === 'noise' ? noise.seed : null,
        variant.psnr,
        variant.ssim,
        variant.ms,
        now
      )
    })
  })()
  load()
  return existing
}
