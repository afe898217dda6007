import type { ExportOptions } from '../../../src-shared/contract/exports'
import type { Db } from '../../db/open-database'
import { compilePairWhere } from './pair-query'
import { contentId, effectiveTexts } from './pair-texts'
import type { StoredPairTexts } from './pair-texts'
import { formatProblem } from './row-builders'

/** One image of an exported record, as stored in the project's media. */
export type ExportImage = { readonly sha256: string; readonly format: string }

/** Everything a writer needs for one record; built in batches, never for the whole export. */
export type ExportPair = {
  readonly pairId: number
  readonly id: string
  readonly question: string
  readonly chosen: string
  readonly rejected: string
  readonly tier: number
  readonly status: string
  readonly origin: string
  readonly judgeScore: number | null
  readonly deltaTokens: number | null
  readonly recipeKey: string | null
  readonly perturbType: string | null
  readonly model: string | null
  /** The generating run used a random-weight test model: its text is meaningless. */
  readonly testModel: boolean
  readonly images: readonly ExportImage[]
}

/** The first, light pass: ids and keys only, so planning 100k pairs stays a few MB. */
export type PlannedPair = {
  readonly pairId: number
  readonly id: string
  readonly tier: number
  readonly status: string
  /** Root (original) image hashes, for leakage-free splits. */
  readonly sourceKeys: string[]
}

export type PlanResult = {
  readonly pairs: PlannedPair[]
  readonly skipped: Array<{ pairId: number; reason: string }>
}

type PlanRow = StoredPairTexts & {
  id: number
  tier: number
  status: string
  question: string
  imgs: string | null
}

/**
 * Reads the pairs an export takes, in id order, dropping (when `dedupe`) pairs whose chosen and
 * rejected are identical and exact duplicates of an earlier pair; each drop is reported with
 * its reason. Pairs with no image, and pairs the format cannot express (see `formatProblem`),
 * are reported and skipped too.
 */
export function planPairs(db: Db, options: ExportOptions): PlanResult {
  const where = compilePairWhere(options.filter, options.status)
  const rows = db
    .prepare(
      `SELECT p.id, p.tier, p.status, s.question, p.chosen_text, p.rejected_text, p.chosen_edit,
              p.rejected_edit, p.swapped,
              (SELECT group_concat(i.sha256 || ':' || COALESCE(src.sha256, i.sha256), ',' ORDER BY si.position)
                 FROM sample_images si JOIN images i ON i.id = si.image_id
                 LEFT JOIN images src ON src.id = i.source_id
                WHERE si.sample_id = p.sample_id) AS imgs
         FROM pairs p JOIN samples s ON s.id = p.sample_id
        WHERE ${where.sql}
        ORDER BY p.id`
    )
    .iterate(where.params) as IterableIterator<PlanRow>
  const pairs: PlannedPair[] = []
  const skipped: PlanResult['skipped'] = []
  const seen = new Set<string>()
  for (const row of rows) {
    const entries = row.imgs ? row.imgs.split(',').map((entry) => entry.split(':')) : []
    if (entries.length === 0) {
      skipped.push({ pairId: row.id, reason: 'the pair has no image' })
      continue
    }
    const problem = formatProblem(options.format, row.question, entries.length)
    if (problem) {
      skipped.push({ pairId: row.id, reason: problem })
      continue
    }
    const { chosen, rejected } = effectiveTexts(row)
    const id = contentId(
      row.question,
      chosen,
      rejected,
      entries.map((e) => e[0] as string)
    )
    if (options.dedupe) {
      if (chosen.trim() === rejected.trim()) {
        skipped.push({ pairId: row.id, reason: 'chosen and rejected are identical' })
        continue
      }
      if (seen.has(id)) {
        skipped.push({ pairId: row.id, reason: `duplicate of record ${id}` })
        continue
      }
      seen.add(id)
    }
    const sourceKeys = [...new Set(entries.map((e) => e[1] as string))]
    pairs.push({ pairId: row.id, id, tier: row.tier, status: row.status, sourceKeys })
  }
  return { pairs, skipped }
}
