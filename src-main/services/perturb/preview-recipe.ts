import { readFile } from 'node:fs/promises'

import type { PerturbPreviewDto } from '../../../src-shared/contract/perturb'
import { formatRecipe, parseRecipe, recipeKey } from '../../../src-shared/domain/recipes'
import { RpcError } from '../../../src-shared/rpc/errors'
import { mediaFilePath } from '../../media/media-paths'
import { applyRecipe } from './apply-recipe'
import { InputRefusedError, decodeInput } from './decode-input'
import { analysisSize, analysisView, psnr, ssimAgainst } from './metrics'
import { fromRaw } from './raw-image'

/** Longest side of the preview image sent to the UI; larger variants are scaled (nearest). */
const PREVIEW_MAX_SIDE = 1024

/**
 * Renders `recipeText` on the original image `sha256` of the project exactly as the perturb job
 * would (same decode, recipe, noise seed and metrics), in memory: nothing is stored.
 */
export async function previewRecipe(
  mediaDir: string,
  sha256: string,
  recipeText: string
): Promise<PerturbPreviewDto> {
  const started = performance.now()
  const recipe = parseRecipe(recipeText)
  let bytes: Buffer
  try {
    bytes = await readFile(mediaFilePath(mediaDir, sha256))
  } catch {
    throw new RpcError('NOT_FOUND', `image ${sha256.slice(0, 12)}… is not in this project`)
  }
  let decoded
  try {
    decoded = await decodeInput(bytes, { item: sha256.slice(0, 12) })
  } catch (error) {
    if (error instanceof InputRefusedError) throw new RpcError('BAD_INPUT', error.message)
    throw error
  }
  const grid = analysisSize(decoded.width, decoded.height)
  const reference = await analysisView(decoded, grid)
  const rendered = await applyRecipe(decoded, recipe, sha256)
  const view = await analysisView(rendered.raw, grid)
  const { width, height } = rendered.raw
  const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(width, height))
  const shown =
    scale < 1
      ? await fromRaw(rendered.raw)
          .resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'nearest' })
          .png()
          .toBuffer()
      : rendered.encoded
  const mime = scale < 1 || rendered.format === 'png' ? 'image/png' : 'image/jpeg'
  return {
    recipeKey: recipeKey(recipe),
    recipe: formatRecipe(recipe),
    source: { sha256, width: decoded.width, height: decoded.height },
    variant: {
      dataUri: `data:${mime};base64,${shown.toString('base64')}`,
      width,
      height,
      format: rendered.format,
      bytes: rendered.encoded.length
    },
    psnr: psnr(reference.luma, view.luma),
    ssim: ssimAgainst(reference.luma)(view.luma),
    ms: performance.now() - started
  }
}
