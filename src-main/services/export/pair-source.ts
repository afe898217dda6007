import { setImmediate as nextTurn } from 'node:timers/promises'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import { orderBucket } from '../../../src-shared/domain/export-order'
import { openDatabase } from '../../db/open-database'
import { EFF, SHOWN_TEXT } from '../../store/pair-columns'
import type { Db } from '../../db/open-database'
import { ImageListParser, imageListSql } from './image-list'
import { compilePairWhere } from './pair-query'
import { ExportStats } from './export-stats'
import { contentId, quoteTexts } from './content-id'
import type { QuotedTexts } from './content-id'
import type { RecordSpill } from './record-spill'
import { formatProblem } from './row-builders'

/** One image of an exported record, as stored in the project's media (`bytes`: its size). */
export type ExportImage = {
  readonly sha256: string
  readonly format: string
  readonly bytes: number
}

/** Everything a writer needs for one record. */
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

/** Turns a planned record into the text kept until it is written (see `RecordSpill`). */
export type RecordEncoder = (pair: ExportPair, quoted: QuotedTexts) => string

/** Rows read between two turns of the event loop (about 2 ms of work). */
const ROWS_PER_TURN = 256

export type PlanHooks = {
  readonly signal?: AbortSignal
}

/**
 * The records an export takes, in id order. Record i's encoded text is `spill` record i; the
 * arrays hold what ordering and splitting need, a few machine words per record.
 */
export type PlanResult = {
  readonly pairIds: number[]
  /** Content ids (see `contentId`): the key of the seeded order. */
  readonly keys: string[]
  readonly tiers: number[]
  /** Root (original) image hashes per record (shared lists), for leakage-free splits. */
  readonly sourceKeys: Array<readonly string[]>
  /** Counts by tier, status, origin, model and recipe; splits are added once drawn. */
  readonly stats: ExportStats
}

/**
 * id, tier, status, question, chosen, rejected (as shown), origin, judge_score, delta_tokens (as
 * shown), recipe_key, perturb_type, run_id, imgs
 */
type PairRow = [
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
  string | null
]

/**
 * Reads the records an export takes, in id order, in one pass, and appends each record's
 * encoding (`encode`) to `spill`, in its order bucket (`orderBucket`; `spill` must have
 * `ORDER_BUCKETS`), so records are built while they are read and nothing but their keys is held
 * afterwards. Drops (when `dedupe`) pairs whose chosen and rejected are identical
 * and exact duplicates of an earlier pair; pairs with no image, and pairs the format cannot
 * express (see `formatProblem`), are dropped too. Every drop is counted in `stats` with its
 * reason.
 *
 * The read yields to the event loop every few hundred rows, so work queued by `encode` (image
 * copies) is handed out and the process stays responsive. While it runs, `db` must not serve
 * anyone else (an open iterator makes other statements on its connection throw): pass a
 * connection of its own (`openExportReader`), which also gives the read one snapshot.
 */
export async function planPairs(
  db: Db,
  options: ExportOptions,
  spill: RecordSpill,
  encode: RecordEncoder,
  hooks: PlanHooks = {}
): Promise<PlanResult> {
  const where = compilePairWhere(options.filter, options.status)
  // One pass instead of a plan pass plus a re-read in export order: at 100k pairs the re-read
  // (random access by id, in batches) cost more than this whole query.
  // NOT INDEXED: an export reads most of the table, and a scan in id order is already sorted.
  // With no table statistics the planner otherwise searches the status index, then sorts every
  // row, texts included, in a temp B-tree (4.7 instead of 3.2 µs/row at 100k pairs). Filters
  // that narrow by id (text search, tags) still look rows up by id.
  // Raw rows (arrays) and positional reads: this loop runs once per pair of the export, and
  // skipping per-row object creation roughly halves its cost at 100k pairs.
  const rows = db
    .prepare(
      `SELECT p.id, p.tier, p.status, s.question, ${SHOWN_TEXT.chosen}, ${SHOWN_TEXT.rejected},
              p.origin, ${EFF.judgeScore}, ${EFF.deltaTokens}, p.recipe_key, p.perturb_type,
              p.run_id, ${imageListSql(options.promptImage)} AS imgs
         FROM pairs p NOT INDEXED JOIN pair_texts t ON t.pair_id = p.id
         JOIN samples s ON s.id = p.sample_id
        WHERE ${where.sql}
        ORDER BY p.id`
    )
    .raw(true)
    .iterate(where.params) as IterableIterator<PairRow>
  const runs = loadRuns(db)
  const images = new ImageListParser()
  const shared = new Interner()
  const plan: PlanResult = {
    pairIds: [],
    keys: [],
    tiers: [],
    sourceKeys: [],
    stats: new ExportStats()
  }
  const { stats } = plan
  const seen = new Set<string>()
  let read = 0
  for (const row of rows) {
    if (++read % ROWS_PER_TURN === 0) {
      await nextTurn()
      hooks.signal?.throwIfAborted()
    }
    const [pairId, tier, status, question, chosen, rejected, origin, judgeScore, deltaTokens] = row
    const list = row[12] === null ? null : images.parse(row[12])
    if (!list) {
      stats.skip(pairId, 'the pair has no image')
      continue
    }
    const problem = formatProblem(options.format, question, list.shas.length)
    if (problem) {
      stats.skip(pairId, problem)
      continue
    }
    const quoted = quoteTexts({ question, chosen, rejected })
    const id = contentId(quoted, list.shasJson)
    if (options.dedupe) {
      if (chosen.trim() === rejected.trim()) {
        stats.skip(pairId, 'chosen and rejected are identical')
        continue
      }
      if (seen.has(id)) {
        stats.skip(pairId, `duplicate of record ${id}`)
        continue
      }
      seen.add(id)
    }
    const run = row[11] === null ? undefined : runs.get(row[11])
    const pair: ExportPair = {
      pairId,
      id,
      question,
      chosen,
      rejected,
      tier,
      status: shared.get(status),
      origin: shared.get(origin),
      judgeScore,
      deltaTokens,
      recipeKey: row[9] === null ? null : shared.get(row[9]),
      perturbType: row[10] === null ? null : shared.get(row[10]),
      model: run?.model ?? null,
      testModel: run?.testModel ?? false,
      images: list.images
    }
    spill.append(encode(pair, quoted), orderBucket(id, tier, options.order, options.seed))
    stats.add(pair)
    plan.pairIds.push(pairId)
    plan.keys.push(id)
    plan.tiers.push(tier)
    plan.sourceKeys.push(list.roots)
  }
  spill.seal()
  return plan
}

/**
 * A read-only connection to the project's database for one export's long read, so the read can
 * pause between rows without blocking the project's own connection. Close it when done.
 */
export function openExportReader(projectDb: Db): Db {
  return openDatabase(projectDb.name, { readonly: true })
}

/** Every run's model, read once: far fewer runs than pairs, so no join per pair. */
function loadRuns(db: Db): Map<number, { model: string; testModel: boolean }> {
  const rows = db.prepare('SELECT id, model, is_test_model FROM runs').all() as Array<{
    id: number
    model: string
    is_test_model: number | null
  }>
  return new Map(rows.map((r) => [r.id, { model: r.model, testModel: r.is_test_model === 1 }]))
}

/** One shared copy of each repeated short string (status, origin, recipe), not one per record. */
class Interner {
  readonly #strings = new Map<string, string>()

  get(value: string): string {
    const known = this.#strings.get(value)
    if (known !== undefined) return known
    this.#strings.set(value, value)
    return value
  }
}
