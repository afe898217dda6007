import type { PerturbParams } from '../../../src-shared/contract/perturb'
import { parseRecipe, recipeKey, recipeSeed } from '../../../src-shared/domain/recipes'
import type { Recipe } from '../../../src-shared/domain/recipes'
import { mediaFilePath } from '../../media/media-paths'
import { ImagesRepo } from '../../store/images-repo'
import type { OriginalImageRow } from '../../store/images-repo'
import { defineJobKind } from '../jobs/job-kind'
import type { JobContext } from '../jobs/job-kind'
import { PerturbPool } from './perturb-pool'
import type { SourceTask } from './process-source'
import { runSources } from './run-sources'

export type PerturbStats = {
  sources: number
  variantsCreated: number
  variantsExisting: number
  refused: number
}

type SourceRow = OriginalImageRow
const PAGE = 256

/** Originals in id order, one page of rows at a time: constant memory for any project size. */
function* originals(images: ImagesRepo, imageIds?: readonly number[]): Generator<SourceRow> {
  let after = 0
  for (;;) {
    const rows = images.originalsAfter(after, PAGE, imageIds)
    yield* rows
    if (rows.length < PAGE) return
    after = (rows[rows.length - 1] as SourceRow).id
  }
}

/**
 * Renders every recipe for every original image of the project (or of `imageIds`), skipping
 * variants that already exist, so a resumed or repeated job only does what is missing. Each
 * source's variants are committed in one transaction as soon as they are stored; a refused input
 * is recorded with `ctx.recordError(item, reason)` and the job goes on. Stops taking sources
 * when `ctx.signal` aborts; the sources already in the workers finish and are committed.
 */
export async function runPerturb(
  ctx: JobContext<PerturbParams>,
  pool: PerturbPool
): Promise<PerturbStats> {
  const { project, params, signal } = ctx
  const recipes = params.recipes.map((text) => {
    const recipe = parseRecipe(text)
    return { recipe, key: recipeKey(recipe) }
  })
  const unique = [...new Map(recipes.map((r) => [r.key, r])).values()]
  const db = project.db
  const repo = new ImagesRepo(db)
  ctx.setTotal(repo.countOriginals(params.imageIds))
  ctx.setDone(0)
  const stats: PerturbStats = { sources: 0, variantsCreated: 0, variantsExisting: 0, refused: 0 }

  function* tasks(): Generator<{ task: SourceTask; context: SourceRow & { recipes: Recipe[] } }> {
    for (const row of originals(repo, params.imageIds)) {
      const have = new Set(repo.variantsOfSource(row.id).map((variant) => variant.recipeKey))
      const missing = unique.filter((r) => !have.has(r.key))
      stats.variantsExisting += unique.length - missing.length
      if (missing.length === 0) {
        stats.sources++
        ctx.advance(1)
        continue
      }
      const item = row.origin ? `${row.origin} (image ${row.id})` : `image ${row.id}`
      const path = mediaFilePath(project.mediaDir, row.sha256)
      const recipesOfRow = missing.map((r) => r.recipe)
      yield {
        task: {
          path,
          item,
          sourceSha256: row.sha256,
          recipes: recipesOfRow,
          mediaDir: project.mediaDir,
          maxPixels: params.maxPixels
        },
        context: { ...row, recipes: recipesOfRow }
      }
    }
  }

  await runSources(pool, tasks(), {
    signal,
    onResult: (result, source) => {
      stats.sources++
      if (!result.ok) {
        stats.refused++
        ctx.recordError(result.item, result.reason)
      } else {
        db.transaction(() => {
          result.variants.forEach((variant, i) => {
            const recipe = source.recipes[i] as Recipe
            repo.insertVariant({
              ...variant,
              origin: 'variant',
              sourceId: source.id,
              recipe,
              seed: recipeSeed(recipe)
            })
          })
        })()
        stats.variantsCreated += result.variants.length
      }
      ctx.advance(1)
      ctx.setStats({ ...stats })
    }
  })
  return stats
}

/**
 * The `perturb` job kind: `jobs.start({ kind: 'perturb', params: { recipes: ['jpeg:20'] } })`.
 * Each run gets its own worker pool (one thread per core), closed when the run ends.
 */
export const perturbJobKind = defineJobKind('perturb', {
  unit: 'images',
  async run(ctx) {
    const pool = new PerturbPool()
    try {
      return await runPerturb(ctx, pool)
    } finally {
      await pool.close()
    }
  }
})
