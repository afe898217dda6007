import type { ExportOptions } from '../../../src-shared/contract/exports'
import type { Db } from '../../db/open-database'
import { compilePairWhere } from './pair-query'
import { contentId, effectiveTexts } from './pair-texts'
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

/** id, tier, status, question, chosen_text, rejected_text, chosen_edit, rejected_edit, swapped, imgs */
type PlanRow = [
  number,
  number,
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  number,
  string | null
]

/**
 * Reads the pairs an export takes, in id order, dropping (when `dedupe`) pairs whose chosen and
 * rejected are identical and exact duplicates of an earlier pair; each drop is reported with
 * its reason. Pairs with no image, and pairs the format cannot express (see `formatProblem`),
 * are reported and skipped too.
 */
export function planPairs(db: Db, options: ExportOptions): PlanResult {
  const where = compilePairWhere(options.filter, options.status)
  // Raw rows (arrays) and positional reads: this loop runs once per pair of the export, and
  // skipping per-row object creation roughly halves its cost at 100k pairs.
  const rows = db
    .prepare(
      `SELECT p.id, p.tier, p.status, s.question, t.chosen_text, t.rejected_text, p.chosen_edit,
              p.rejected_edit, p.swapped,
              (SELECT group_concat(i.sha256 || ':' || COALESCE(src.sha256, i.sha256), ',' ORDER BY si.position)
                 FROM sample_images si JOIN images i ON i.id = si.image_id
                 LEFT JOIN images src ON src.id = i.source_id
                WHERE si.sample_id = p.sample_id) AS imgs
         FROM pairs p JOIN pair_texts t ON t.pair_id = p.id JOIN samples s ON s.id = p.sample_id
        WHERE ${where.sql}
        ORDER BY p.id`
    )
    .raw(true)
    .iterate(where.params) as IterableIterator<PlanRow>
  const pairs: PlannedPair[] = []
  const skipped: PlanResult['skipped'] = []
  const seen = new Set<string>()
  for (const row of rows) {
    const [pairId, tier, status, question, chosenText, rejectedText, chosenEdit, rejectedEdit] = row
    const imgs = row[9]
    if (!imgs) {
      skipped.push({ pairId, reason: 'the pair has no image' })
      continue
    }
    const shas: string[] = []
    const roots = new Set<string>()
    for (const entry of imgs.split(',')) {
      const colon = entry.indexOf(':')
      shas.push(entry.slice(0, colon))
      roots.add(entry.slice(colon + 1))
    }
    const problem = formatProblem(options.format, question, shas.length)
    if (problem) {
      skipped.push({ pairId, reason: problem })
      continue
    }
    const { chosen, rejected } = effectiveTexts({
      chosen_text: chosenText,
      rejected_text: rejectedText,
      chosen_edit: chosenEdit,
      rejected_edit: rejectedEdit,
      swapped: row[8]
    })
    const id = contentId(question, chosen, rejected, shas)
    if (options.dedupe) {
      if (chosen.trim() === rejected.trim()) {
        skipped.push({ pairId, reason: 'chosen and rejected are identical' })
        continue
      }
      if (seen.has(id)) {
        skipped.push({ pairId, reason: `duplicate of record ${id}` })
        continue
      }
      seen.add(id)
    }
    pairs.push({ pairId, id, tier, status, sourceKeys: [...roots] })
  }
  return { pairs, skipped }
}
