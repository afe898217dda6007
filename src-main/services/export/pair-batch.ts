import type { Db } from '../../db/open-database'
import type { ExportImage, ExportPair, PlannedPair } from './pair-source'
import { effectiveTexts } from './pair-texts'
import type { StoredPairTexts } from './pair-texts'

type DetailRow = StoredPairTexts & {
  id: number
  sample_id: number
  question: string
  tier: number
  status: string
  origin: string
  judge_score: number | null
  delta_tokens: number | null
  recipe_key: string | null
  perturb_type: string | null
  model: string | null
  is_test_model: number | null
}

type ImageRow = {
  pair_id: number
  sha256: string
  format: string
  variant_sha: string | null
  variant_format: string | null
}

/**
 * Loads full records for a batch of planned pairs, in the batch's order. With `promptImage` =
 * `lq` each image is replaced by the pair's degraded variant (same recipe) where one exists.
 * A pair deleted since planning is returned as null, so the caller can report it.
 */
export function loadPairBatch(
  db: Db,
  batch: readonly PlannedPair[],
  promptImage: 'hq' | 'lq'
): Array<ExportPair | null> {
  const ids = JSON.stringify(batch.map((p) => p.pairId))
  const details = db
    .prepare(
      `SELECT p.id, p.sample_id, s.question, p.tier, p.status, p.origin, p.judge_score,
              p.delta_tokens, p.recipe_key, p.perturb_type, t.chosen_text, t.rejected_text,
              p.chosen_edit, p.rejected_edit, p.swapped, r.model,
              r.is_test_model
         FROM pairs p JOIN pair_texts t ON t.pair_id = p.id JOIN samples s ON s.id = p.sample_id
         LEFT JOIN runs r ON r.id = p.run_id
        WHERE p.id IN (SELECT value FROM json_each(?))`
    )
    .all(ids) as DetailRow[]
  const images = db
    .prepare(
      `SELECT p.id AS pair_id, i.sha256, i.format, v.sha256 AS variant_sha,
              v.format AS variant_format
         FROM pairs p JOIN sample_images si ON si.sample_id = p.sample_id
         JOIN images i ON i.id = si.image_id
         LEFT JOIN images v ON v.source_id = i.id AND v.recipe_key = p.recipe_key
        WHERE p.id IN (SELECT value FROM json_each(?))
        ORDER BY p.id, si.position`
    )
    .all(ids) as ImageRow[]
  const imagesByPair = new Map<number, ExportImage[]>()
  for (const row of images) {
    const list = imagesByPair.get(row.pair_id) ?? []
    const useVariant = promptImage === 'lq' && row.variant_sha !== null
    list.push(
      useVariant
        ? { sha256: row.variant_sha as string, format: row.variant_format as string }
        : { sha256: row.sha256, format: row.format }
    )
    imagesByPair.set(row.pair_id, list)
  }
  const byId = new Map(details.map((row) => [row.id, row]))
  return batch.map((planned) => {
    const row = byId.get(planned.pairId)
    if (!row) return null
    const { chosen, rejected } = effectiveTexts(row)
    return {
      pairId: row.id,
      id: planned.id,
      question: row.question,
      chosen,
      rejected,
      tier: row.tier,
      status: row.status,
      origin: row.origin,
      // Scores and deltas are stored for the generated slots; a swap turns them around.
      judgeScore:
        row.judge_score === null ? null : row.swapped ? 1 - row.judge_score : row.judge_score,
      deltaTokens:
        row.delta_tokens === null ? null : row.swapped ? -row.delta_tokens : row.delta_tokens,
      recipeKey: row.recipe_key,
      perturbType: row.perturb_type,
      model: row.model,
      testModel: row.is_test_model === 1,
      images: imagesByPair.get(row.id) ?? []
    }
  })
}
