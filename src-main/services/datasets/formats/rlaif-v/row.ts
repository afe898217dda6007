import { IMAGE_TOKEN } from '../../../../../src-shared/domain/image-placeholders'
import type { RowPair } from '../pair'
import { exportText } from '../text-policy'

/** One RLAIF-V row (openbmb/RLAIF-V-Dataset columns) plus Delta Studio's own columns. */
export type RlaifVRow<I> = {
  ds_name: string
  image: I
  question: string
  chosen: string
  rejected: string
  origin_dataset: string
  origin_split: string
  idx: string
  image_path: string
  /**
   * The image token LLaMA-Factory needs in the prompt (`<image>`): its alpaca converter joins
   * `prompt` and `query` columns with a newline, so the card's recipe maps `prompt` here and
   * `query` to `question`.
   */
  image_tokens: string
  tier: number
  origin: string
  judge_score: number | null
  delta_tokens: number | null
}

/** Why a record cannot be an RLAIF-V row (it holds exactly one image per row), or null. */
export function rlaifVProblem(imageCount: number): string | null {
  return imageCount === 1 ? null : `RLAIF-V holds one image per row; this record has ${imageCount}`
}

/**
 * A record as an RLAIF-V row; the record must hold one image (`rlaifVProblem`). `origin_split`
 * carries the generator model, the labeling method and the question type as JSON, as the
 * RLAIF-V card describes; the rest of the provenance sits in separate typed columns.
 */
export function toRlaifVRow<I>(
  pair: RowPair,
  image: I,
  imagePath: string,
  names: { dataset: string; project: string }
): RlaifVRow<I> {
  const problem = rlaifVProblem(pair.images.length)
  if (problem) throw new Error(`record ${pair.id}: ${problem}`)
  return {
    ds_name: names.dataset,
    image,
    question: exportText(pair.question),
    chosen: exportText(pair.chosen),
    rejected: exportText(pair.rejected),
    origin_dataset: names.project,
    origin_split: JSON.stringify({
      policy_model: pair.model,
      labeling: pair.origin,
      recipe: pair.recipeKey,
      type: pair.perturbType,
      question_type: 'question answering'
    }),
    idx: pair.id,
    image_path: imagePath,
    image_tokens: IMAGE_TOKEN,
    tier: pair.tier,
    origin: pair.origin,
    judge_score: pair.judgeScore,
    delta_tokens: pair.deltaTokens
  }
}
