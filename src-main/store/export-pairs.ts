import type { ExportOptions } from '../../src-shared/contract/exports'
import type { PairFilter } from '../../src-shared/domain/pair-filter'
import { openDatabase } from '../db/open-database'
import type { Db } from '../db/open-database'
import { EFF, SHOWN_TEXT } from './pair-columns'
import { compilePairFilter } from './pair-filter-sql'
import type { SqlWhere } from './pair-filter-sql'

/**
 * The WHERE clause over `pairs p` of an export: the store's filter compiler (the same meaning
 * as the pair browser's filter) plus the export's status choice, ANDed.
 */
export function exportPairWhere(filter: PairFilter, status: 'accepted' | 'all'): SqlWhere {
  const where = compilePairFilter(filter)
  if (status === 'all') return where
  return { sql: `(${where.sql}) AND p.status = 'accepted'`, params: where.params }
}

/**
 * A scalar subquery over `pairs p`: the pair's sample images in position order, as
 * `sha:format:bytes:rootSha[:variantSha:variantFormat:variantBytes]` entries joined by commas
 * (hashes are hex, sizes decimal and formats sharp's names, so neither separator can occur
 * inside a field). The variant, the image's degraded copy made with the pair's recipe, is
 * looked up only for `lq`; there is at most one (unique index on source and recipe).
 */
function imageListSql(promptImage: 'hq' | 'lq'): string {
  const variant =
    promptImage === 'lq'
      ? ` || COALESCE((SELECT ':' || v.sha256 || ':' || v.format || ':' || v.bytes FROM images v
                        WHERE v.source_id = i.id AND v.recipe_key = p.recipe_key), '')`
      : ''
  return `(SELECT group_concat(i.sha256 || ':' || i.format || ':' || i.bytes || ':' || COALESCE(src.sha256, i.sha256)${variant}, ',' ORDER BY si.position)
             FROM sample_images si JOIN images i ON i.id = si.image_id
             LEFT JOIN images src ON src.id = i.source_id
            WHERE si.sample_id = p.sample_id)`
}

/**
 * One pair an export reads, as raw values: id, tier, status, question, chosen, rejected (as
 * shown: edits and swap applied), origin, judge_score, delta_tokens (as shown), recipe_key,
 * perturb_type, run_id, the image list (see `imageListSql`; null without images), and 1 when
 * the sample is a composed sequence whose prompt labels its images (else 0).
 */
export type ExportPairRow = [
  number,
  number,
  string,
  string,
  string,
  string,
  string,
  number | null,
  number | null,
  string | null,
  string | null,
  number | null,
  string | null,
  number
]

/**
 * Streams the pairs an export takes, in id order, as raw arrays (no object per row: this loop
 * runs once per exported pair). NOT INDEXED: an export reads most of the table, and a scan in
 * id order is already sorted, where the planner would otherwise walk the status index and sort
 * every row, texts included. Filters that narrow by id (text search, tags) still look rows up
 * by id. While it iterates, `reader` serves no other statement.
 */
export function iterateExportPairs(
  reader: Db,
  options: Pick<ExportOptions, 'filter' | 'status' | 'promptImage'>
): IterableIterator<ExportPairRow> {
  const where = exportPairWhere(options.filter, options.status)
  return reader
    .prepare(
      `SELECT p.id, p.tier, p.status, s.question, ${SHOWN_TEXT.chosen}, ${SHOWN_TEXT.rejected},
              p.origin, ${EFF.judgeScore}, ${EFF.deltaTokens}, p.recipe_key, p.perturb_type,
              p.run_id, ${imageListSql(options.promptImage)},
              EXISTS (SELECT 1 FROM compositions c
                       WHERE c.sample_id = p.sample_id AND c.layout = 'sequence')
         FROM pairs p NOT INDEXED JOIN pair_texts t ON t.pair_id = p.id
         JOIN samples s ON s.id = p.sample_id
        WHERE ${where.sql}
        ORDER BY p.id`
    )
    .raw(true)
    .iterate(where.params) as IterableIterator<ExportPairRow>
}

/** A pair's texts as an export writes them: id, question, chosen, rejected (as shown). */
export type ExportTextRow = [number, string, string, string]

/** The texts of the pairs `ids`, in no particular order (callers key them by id). */
export function readExportTexts(reader: Db, ids: readonly number[]): ExportTextRow[] {
  return reader
    .prepare(
      `SELECT p.id, s.question, ${SHOWN_TEXT.chosen}, ${SHOWN_TEXT.rejected}
         FROM pairs p JOIN pair_texts t ON t.pair_id = p.id
         JOIN samples s ON s.id = p.sample_id
        WHERE p.id IN (SELECT value FROM json_each(?))`
    )
    .raw(true)
    .all(JSON.stringify(ids)) as ExportTextRow[]
}

/** Every run's model, read once: far fewer runs than pairs, so no join per pair. */
export function loadRunModels(db: Db): Map<number, { model: string; testModel: boolean }> {
  const rows = db.prepare('SELECT id, model, is_test_model FROM runs').all() as Array<{
    id: number
    model: string
    is_test_model: number | null
  }>
  return new Map(rows.map((r) => [r.id, { model: r.model, testModel: r.is_test_model === 1 }]))
}

/**
 * A read-only connection to the project's database for one export, inside one read
 * transaction: the plan's pass and the writes' reads see the same snapshot, and the project's
 * own connection stays free meanwhile. Close it (`close`) when done.
 */
export function openExportReader(projectDb: Db): Db {
  const reader = openDatabase(projectDb.name, { readonly: true })
  try {
    // One pass over the table: through a fresh memory map every page costs a page fault (and
    // the unmap at close), where reads into SQLite's small page cache reuse the same memory.
    reader.pragma('mmap_size = 0')
    reader.exec('BEGIN')
  } catch (error) {
    reader.close()
    throw error
  }
  return reader
}
