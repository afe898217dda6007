import { IMAGE_TOKEN, countImageTokens } from '../../../src-shared/domain/image-placeholders'
import type { ExportFormat } from '../../../src-shared/contract/exports'
import type { ExportPair } from './pair-source'

/** A TRL conversational message with typed content parts. */
export type TrlMessage = {
  role: 'user' | 'assistant'
  content: Array<{ type: 'image' } | { type: 'text'; text: string }>
}

/** One TRL DPO vision row; `images` holds whatever the format stores (paths or structs). */
export type TrlRow<I> = {
  id: string
  prompt: TrlMessage[]
  chosen: TrlMessage[]
  rejected: TrlMessage[]
  images: I[]
  tier: number
}

/**
 * A record as a TRL conversational row: one `{"type":"image"}` per image, in image order,
 * before the question (the layout of TRL's own RLAIF-V conversion), so placeholders always
 * equal `images.length`.
 */
export function toTrlRow<I>(pair: ExportPair, images: I[]): TrlRow<I> {
  return {
    id: pair.id,
    prompt: [
      {
        role: 'user',
        content: [
          ...images.map(() => ({ type: 'image' as const })),
          { type: 'text', text: pair.question }
        ]
      }
    ],
    chosen: [{ role: 'assistant', content: [{ type: 'text', text: pair.chosen }] }],
    rejected: [{ role: 'assistant', content: [{ type: 'text', text: pair.rejected }] }],
    images,
    tier: pair.tier
  }
}

/** One LLaMA-Factory sharegpt preference row. */
export type LlamaFactoryRow = {
  id: string
  conversations: Array<{ from: 'human' | 'gpt'; value: string }>
  chosen: { from: 'gpt'; value: string }
  rejected: { from: 'gpt'; value: string }
  images: string[]
  tier: number
}

/**
 * A record as a LLaMA-Factory sharegpt preference row. The question gets one `<image>` token
 * per image in front, unless it already holds exactly that many; any other count cannot be
 * expressed and comes back as a reason to skip the record.
 */
export function toLlamaFactoryRow(pair: ExportPair, images: string[]): LlamaFactoryRow | string {
  const problem = llamaFactoryProblem(pair.question, images.length)
  if (problem) return problem
  const present = countImageTokens(pair.question)
  const value = present === 0 ? IMAGE_TOKEN.repeat(images.length) + pair.question : pair.question
  return {
    id: pair.id,
    conversations: [{ from: 'human', value }],
    chosen: { from: 'gpt', value: pair.chosen },
    rejected: { from: 'gpt', value: pair.rejected },
    images,
    tier: pair.tier
  }
}

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
  tier: number
  origin: string
  judge_score: number | null
  delta_tokens: number | null
}

/**
 * A record as an RLAIF-V row. RLAIF-V holds exactly one image per row, so a multi-image record
 * comes back as a reason to skip it. `origin_split` carries the generator model, the labeling
 * method and the question type as JSON, as the RLAIF-V card describes; the rest of the
 * provenance sits in separate typed columns.
 */
export function toRlaifVRow<I>(
  pair: ExportPair,
  image: I,
  imagePath: string,
  dsName: string,
  projectName: string
): RlaifVRow<I> {
  return {
    ds_name: dsName,
    image,
    question: pair.question,
    chosen: pair.chosen,
    rejected: pair.rejected,
    origin_dataset: projectName,
    origin_split: JSON.stringify({
      policy_model: pair.model,
      labeling: pair.origin,
      recipe: pair.recipeKey,
      type: pair.perturbType,
      question_type: 'question answering'
    }),
    idx: pair.id,
    image_path: imagePath,
    tier: pair.tier,
    origin: pair.origin,
    judge_score: pair.judgeScore,
    delta_tokens: pair.deltaTokens
  }
}

/** Why a record cannot be an RLAIF-V row, or null when it can. */
export function rlaifVProblem(pair: Pick<ExportPair, 'images'>): string | null {
  return pair.images.length === 1
    ? null
    : `RLAIF-V holds one image per row; this record has ${pair.images.length}`
}

/** Why a LLaMA-Factory row cannot hold this question with this many images, or null. */
export function llamaFactoryProblem(question: string, imageCount: number): string | null {
  const present = countImageTokens(question)
  return present !== 0 && present !== imageCount
    ? `the question holds ${present} ${IMAGE_TOKEN} tokens but the record has ${imageCount} images`
    : null
}

/**
 * Why a format cannot express a record, or null. Checked while planning, before splits are
 * drawn, so the split of every exported record depends only on records the format can hold
 * (and a re-imported export splits the same way).
 */
export function formatProblem(
  format: ExportFormat,
  question: string,
  imageCount: number
): string | null {
  if (format === 'rlaif-v') return rlaifVProblem({ images: new Array<never>(imageCount) })
  if (format === 'llamafactory') return llamaFactoryProblem(question, imageCount)
  return null
}
