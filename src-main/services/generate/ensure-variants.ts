import { parseRecipe } from '../../../src-shared/domain/recipes'
import type { Db } from '../../db/open-database'
import { storeFor } from '../../store/store'
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
  const images = storeFor(db).images
  const existing = new Map<string, VariantRow>()
  const load = (): void => {
    for (const row of images.variantsOfSource(source.id)) {
      existing.set(row.recipeKey, {
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
  db.transaction(() => {
    result.variants.forEach((variant, i) => {
      const recipe = recipes[i]!
      const noise = recipe.steps.find((step) => step.type === 'noise')
      images.insertVariant({
        sha256: variant.sha256,
        width: variant.width,
        height: variant.height,
        format: variant.format,
        bytes: variant.bytes,
        origin: 'variant',
        sourceId: source.id,
        recipeKey: variant.recipeKey,
        recipe,
        seed: noise && noise.type === 'noise' ? noise.seed : null,
        psnr: variant.psnr,
        ssim: variant.ssim,
        ms: variant.ms
      })
    })
  })()
  load()
  return existing
}
