import type { ImageDto, PairDto, RunInfoDto, TierSource } from '../../src-shared/contract/pairs'
import type { CompositionDto } from '../../src-shared/contract/compose'
import type { PairOrigin, PairStatus, Tier } from '../../src-shared/domain/pair-filter'

/** A `pairs` row joined with its generated texts and its sample's question and ground truth. */
export type PairRow = {
  id: number
  sample_id: number
  origin: PairOrigin
  run_id: number | null
  chosen_response_id: number | null
  rejected_response_id: number | null
  chosen_text: string
  rejected_text: string
  chosen_edit: string | null
  rejected_edit: string | null
  swapped: 0 | 1
  status: PairStatus
  tier: Tier
  tier_source: TierSource
  note: string | null
  recipe_key: string | null
  perturb_type: string | null
  perturb_level: number | null
  psnr: number | null
  ssim: number | null
  chosen_tokens: number | null
  rejected_tokens: number | null
  delta_tokens: number | null
  delta_chars: number | null
  delta_words: number | null
  edit_distance: number | null
  chosen_correct: 0 | 1 | null
  rejected_correct: 0 | 1 | null
  flip_level: number | null
  judge_score: number | null
  version: number
  created_at: string
  updated_at: string
  question: string
  ground_truth: string | null
  judge_model: string | null
  judge_test_model: 0 | 1 | null
  judge_chosen_first: number | null
  judge_rejected_first: number | null
}

/** The columns `PairRow` needs; the generated `eff_*` columns are recomputed in `toPairDto`. */
export const PAIR_ROW_SELECT = `p.id, p.sample_id, p.origin, p.run_id, p.chosen_response_id,
  p.rejected_response_id, t.chosen_text, t.rejected_text, p.chosen_edit, p.rejected_edit,
  p.swapped, p.status, p.tier, p.tier_source, p.note, p.recipe_key, p.perturb_type,
  p.perturb_level, p.psnr, p.ssim, p.chosen_tokens, p.rejected_tokens, p.delta_tokens,
  p.delta_chars, p.delta_words, p.edit_distance, p.chosen_correct, p.rejected_correct,
  p.flip_level, p.judge_score, p.version, p.created_at, p.updated_at,
  s.question, s.ground_truth, j.model AS judge_model, j.is_test_model AS judge_test_model,
  j.chosen_first AS judge_chosen_first, j.rejected_first AS judge_rejected_first`

/** The tables `PAIR_ROW_SELECT` reads, aliased `p`, `t`, `s` and `j` (the judge's audit, if any). */
export const PAIR_ROW_FROM = `pairs p JOIN pair_texts t ON t.pair_id = p.id
  JOIN samples s ON s.id = p.sample_id LEFT JOIN pair_judgements j ON j.pair_id = p.id`

export type PairExtras = {
  readonly tags: readonly string[]
  readonly hqImages: readonly ImageDto[]
  readonly lqImages: readonly ImageDto[]
  readonly run: RunInfoDto | null
  readonly composition?: CompositionDto | null
}

const neg = (n: number | null) => (n === null ? null : -n)
const bool = (n: 0 | 1 | null) => (n === null ? null : n === 1)

/**
 * Row → DTO. Texts, edits and per-answer figures are stored in their generated slots; a swap
 * only sets `swapped`, so here every per-answer field is read from the slot now shown.
 */
export function toPairDto(row: PairRow, extras: PairExtras): PairDto {
  const s = row.swapped === 1
  const slotA = {
    text: row.chosen_text,
    edit: row.chosen_edit,
    tokens: row.chosen_tokens,
    correct: row.chosen_correct
  }
  const slotB = {
    text: row.rejected_text,
    edit: row.rejected_edit,
    tokens: row.rejected_tokens,
    correct: row.rejected_correct
  }
  const chosen = s ? slotB : slotA
  const rejected = s ? slotA : slotB
  return {
    id: row.id,
    sampleId: row.sample_id,
    question: row.question,
    groundTruth: row.ground_truth,
    hqImages: [...extras.hqImages],
    lqImages: [...extras.lqImages],
    chosen: chosen.edit ?? chosen.text,
    rejected: rejected.edit ?? rejected.text,
    chosenOriginal: chosen.text,
    rejectedOriginal: rejected.text,
    chosenEdited: chosen.edit !== null,
    rejectedEdited: rejected.edit !== null,
    swapped: s,
    status: row.status,
    tier: row.tier,
    tierSource: row.tier_source,
    note: row.note,
    tags: [...extras.tags],
    origin: row.origin,
    recipeKey: row.recipe_key,
    perturbType: row.perturb_type,
    perturbLevel: row.perturb_level,
    psnr: row.psnr,
    ssim: row.ssim,
    chosenTokens: chosen.tokens,
    rejectedTokens: rejected.tokens,
    deltaTokens: s ? neg(row.delta_tokens) : row.delta_tokens,
    deltaChars: s ? neg(row.delta_chars) : row.delta_chars,
    deltaWords: s ? neg(row.delta_words) : row.delta_words,
    editDistance: row.edit_distance,
    chosenCorrect: bool(chosen.correct),
    rejectedCorrect: bool(rejected.correct),
    flipLevel: row.flip_level,
    judgeScore: row.judge_score === null ? null : s ? 1 - row.judge_score : row.judge_score,
    judge:
      row.judge_model === null
        ? null
        : {
            model: row.judge_model,
            isTestModel: row.judge_test_model === 1,
            chosenFirst: s ? row.judge_rejected_first : row.judge_chosen_first,
            rejectedFirst: s ? row.judge_chosen_first : row.judge_rejected_first,
            reversed: row.judge_score !== null && (s ? 1 - row.judge_score : row.judge_score) < 0.5
          },
    run: extras.run,
    composition: extras.composition ?? null,
    chosenResponseId: s ? row.rejected_response_id : row.chosen_response_id,
    rejectedResponseId: s ? row.chosen_response_id : row.rejected_response_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
