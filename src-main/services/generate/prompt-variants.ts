import { promptParts } from '../../../src-shared/domain/compose-prompt'
import type { PromptPart } from '../../../src-shared/domain/compose-prompt'
import type { CompositionForGeneration } from '../../store/compositions-repo'
import { InferenceError } from '../inference/inference-errors'
import type { GenSample } from '../../store/generation-repo'

/** `responses.variant_key` of a composed sample's answer on its guided form (target alone). */
export const GUIDED_VARIANT = 'guided'
/** `responses.variant_key` of a composed sample's answer on its composed (hard) prompt. */
export const HARD_VARIANT = 'hard'

/** The variants a composed sample is asked in: guided (when its template has one) and hard. */
export function promptVariants(composition: CompositionForGeneration): string[] {
  return composition.guidedQuestion === null ? [HARD_VARIANT] : [GUIDED_VARIANT, HARD_VARIANT]
}

/** One request of a composed sample: which images (by hash) and the message parts. */
export type PromptRequest = {
  readonly shas: readonly string[]
  readonly parts: readonly PromptPart[]
}

/**
 * The request of a composed sample's variant: the hard form is the composed prompt (a sequence
 * labels each image part; a grid or picture-in-picture is one image), the guided form the target
 * alone (or the compared operands alone, labelled) with the question it was composed from.
 */
export function promptRequest(
  sample: GenSample,
  composition: CompositionForGeneration,
  variant: string
): PromptRequest {
  if (variant === GUIDED_VARIANT && composition.guidedQuestion !== null) {
    const shas = composition.guidedImages.map((i) => i.sha256)
    return { shas, parts: promptParts(composition.guidedQuestion, shas.length, shas.length > 1) }
  }
  const shas = sample.images.map((i) => i.sha256)
  return {
    shas,
    parts: promptParts(sample.question, shas.length, composition.layout === 'sequence')
  }
}

/**
 * A clearer error for a request of several images that the model refused: llama-server refuses
 * by context (each image costs tokens), other servers name an image limit. Other errors, and
 * refusals of a single image, come back unchanged.
 */
export function multiImageRefusal(error: InferenceError, images: number): InferenceError {
  if (images < 2) return error
  if (error.kind === 'context_exceeded') {
    const { nPromptTokens, nCtx } = error.details ?? {}
    const fit =
      nPromptTokens && nCtx && nPromptTokens > 0
        ? `; about ${Math.max(1, Math.floor((images * nCtx) / nPromptTokens))} images of this size fit`
        : ''
    const sizes =
      nPromptTokens && nCtx
        ? `: ${nPromptTokens} prompt tokens exceed its ${nCtx}-token context`
        : ''
    return new InferenceError(
      'context_exceeded',
      `The model refused ${images} images in one request${sizes}${fit} (raise the context per slot or compose fewer images per sample)`,
      error.status,
      error.details
    )
  }
  const limit = /at most (\d+) images?|(?:max(?:imum)?|limit)[^0-9]{0,40}(\d+) images?/i.exec(
    error.message
  )
  if ((error.kind === 'bad_request' || error.kind === 'bad_image') && limit) {
    const n = limit[1] ?? limit[2]
    return new InferenceError(
      error.kind,
      `The model takes at most ${n} image${n === '1' ? '' : 's'} per request; this one had ${images} (${error.message})`,
      error.status,
      error.details
    )
  }
  return error
}
