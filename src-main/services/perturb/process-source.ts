import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'

import { recipeKey } from '../../../src-shared/domain/recipes'
import type { Recipe } from '../../../src-shared/domain/recipes'
import { ingestBuffer } from '../../store/media-store'
import { applyRecipe } from './apply-recipe'
import { InputRefusedError, decodeInput } from './decode-input'
import { analysisSize, analysisView, psnr, ssimAgainst } from './metrics'
import { writeThumbnail } from './thumbnails'

/** One unit of perturbation work: a source file and the recipes to render from it. */
export type SourceTask = {
  /** The file to read. */
  readonly path: string
  /** How errors name the input (an original file name or the path). */
  readonly item: string
  /** SHA-256 (hex) of the file's bytes when known; computed otherwise. Seeds noise. */
  readonly sourceSha256?: string
  readonly recipes: readonly Recipe[]
  /** The project's media folder: variants and thumbnails are stored there by content. */
  readonly mediaDir: string
  readonly maxPixels?: number
  /** Write 256 px WebP thumbnails of the source and every variant (default true). */
  readonly thumbnails?: boolean
}

export type VariantResult = {
  readonly recipeKey: string
  readonly sha256: string
  readonly width: number
  readonly height: number
  readonly format: 'png' | 'jpeg'
  readonly bytes: number
  /** dB against the source, luminance at the analysis size (metrics.ts). */
  readonly psnr: number
  readonly ssim: number
  /** Wall time to render, encode, measure and store this variant, in milliseconds. */
  readonly ms: number
}

export type SourceResult =
  | {
      readonly ok: true
      readonly item: string
      readonly sourceSha256: string
      readonly source: { readonly width: number; readonly height: number; readonly format: string }
      readonly decodeMs: number
      readonly variants: readonly VariantResult[]
    }
  | { readonly ok: false; readonly item: string; readonly reason: string; readonly message: string }

/**
 * Decodes the source once, then renders every recipe from the decoded pixels, measures PSNR and
 * SSIM against the source, and stores each variant (and thumbnails) in the media folder.
 * Never throws for a bad input: a refused input comes back as `{ ok: false, reason }`. Other
 * failures (disk full, a bug) reject.
 */
export async function processSource(task: SourceTask): Promise<SourceResult> {
  const started = performance.now()
  let bytes: Buffer
  try {
    bytes = await readFile(task.path)
  } catch (error) {
    const reason = `cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`
    return { ok: false, item: task.item, reason, message: `${task.item}: ${reason}` }
  }
  const sourceSha256 = task.sourceSha256 ?? createHash('sha256').update(bytes).digest('hex')
  let decoded
  try {
    decoded = await decodeInput(bytes, { item: task.item, maxPixels: task.maxPixels })
  } catch (error) {
    if (error instanceof InputRefusedError) {
      return { ok: false, item: task.item, reason: error.reason, message: error.message }
    }
    throw error
  }
  const thumbnails = task.thumbnails !== false
  const grid = analysisSize(decoded.width, decoded.height)
  // Thumbnails are drawn from the analysis-size pixels (≤ 512 px): same look, a fraction of the cost.
  const reference = await analysisView(decoded, grid)
  if (thumbnails) await writeThumbnail(task.mediaDir, sourceSha256, reference.rgb)
  const ssimToSource = ssimAgainst(reference.luma)
  const decodeMs = performance.now() - started

  const variants: VariantResult[] = []
  for (const recipe of task.recipes) {
    const t0 = performance.now()
    const rendered = await applyRecipe(decoded, recipe, sourceSha256)
    const view = await analysisView(rendered.raw, grid)
    const stored = await ingestBuffer(task.mediaDir, rendered.encoded)
    if (thumbnails) await writeThumbnail(task.mediaDir, stored.sha256, view.rgb)
    variants.push({
      recipeKey: recipeKey(recipe),
      sha256: stored.sha256,
      width: rendered.raw.width,
      height: rendered.raw.height,
      format: rendered.format,
      bytes: stored.bytes,
      psnr: psnr(reference.luma, view.luma),
      ssim: ssimToSource(view.luma),
      ms: performance.now() - t0
    })
  }
  return {
    ok: true,
    item: task.item,
    sourceSha256,
    source: { width: decoded.width, height: decoded.height, format: decoded.format },
    decodeMs,
    variants
  }
}
