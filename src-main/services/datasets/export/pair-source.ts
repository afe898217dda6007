import { setImmediate as nextTurn } from 'node:timers/promises'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import { openDatabase } from '../../db/open-database'
import { EFF, SHOWN_TEXT } from '../../store/pair-columns'
import type { Db } from '../../db/open-database'
import { imageListSql } from './image-list'
import { compilePairWhere } from './pair-query'
import type { SqlWhere } from '../../store/pair-filter-sql'
import type { ExportStats } from './export-stats'
import type { QuotedTexts } from './content-id'
import type { ImagePlacer } from './image-sink'
import { planNatively } from './native-plan'
import { PlanBuilder } from './plan-builder'
import type { PairRow } from './plan-builder'
import type { RecordSpill } from './record-spill'

/** One image of an exported record, as stored in the project's media (`bytes`: its size). */
export type ExportImage = {
  readonly sha256: string
  readonly format: string
  readonly bytes: number
}

/** A record without its texts: what stats, splits and a native line's tail need. */
export type ExportRecordMeta = {
  readonly pairId: number
  readonly id: string
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

/** Everything a writer needs for one record. */
export type ExportPair = ExportRecordMeta & {
  readonly question: string
  readonly chosen: string
  readonly rejected: string
}

/** Turns a planned record into the text kept until it is written (see `RecordSpill`). */
export type RecordEncoder = (pair: ExportPair, quoted: QuotedTexts) => string

/** Rows read between two turns of the event loop (about 2 ms of work). */
const ROWS_PER_TURN = 256

export type PlanHooks = {
  readonly signal?: AbortSignal
  /**
   * Plan natively (`planNatively`: TRL lines only, see NATIVE_PLAN_FORMATS), placing images in
   * this sink. The export's SQLite extension must be loaded into the plan's connection
   * (`openExportReader`).
   */
  readonly nativeImages?: ImagePlacer
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
 * The plan's read: every column a record needs, in id order, narrowed by `where` (and by
 * `extra`, ANDed, over `p`). NOT INDEXED: an export reads most of the table, and a scan in id
 * order is already sorted. With no table statistics the planner otherwise searches the status
 * index, then sorts every row, texts included, in a temp B-tree (4.7 instead of 3.2 µs/row at
 * 100k pairs). Filters that narrow by id (text search, tags) and `extra` still look rows up by
 * id. Columns as `PairRow`.
 */
export function pairReadSql(where: SqlWhere, options: ExportOptions, extra = 'TRUE'): string {
  return `SELECT p.id AS id, p.tier AS tier, p.status AS status, s.question AS q,
              ${SHOWN_TEXT.chosen} AS c, ${SHOWN_TEXT.rejected} AS r, p.origin AS origin,
              ${EFF.judgeScore} AS judge, ${EFF.deltaTokens} AS delta, p.recipe_key AS recipe,
              p.perturb_type AS perturb, p.run_id AS run, ${imageListSql(options.promptImage)} AS imgs
         FROM pairs p NOT INDEXED JOIN pair_texts t ON t.pair_id = p.id
         JOIN samples s ON s.id = p.sample_id
        WHERE (${where.sql}) AND ${extra}
        ORDER BY p.id`
}

/**
 * Reads the records an export takes, in id order, in one pass, and appends each record's
 * encoding (`encode`) to `spill`, in its order bucket (`orderBucket`; `spill` must have
 * `ORDER_BUCKETS`), so records are built while they are read and nothing but their keys is held
 * afterwards. Drops (when `dedupe`) pairs whose chosen and rejected are identical
 * and exact duplicates of an earlier pair; pairs with no image, and pairs the format cannot
 * express (see `formatProblem`), are dropped too. Every drop is counted in `stats` with its
 * reason. With `hooks.nativeImages` the same plan is made natively (`planNatively`).
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
  const builder = new PlanBuilder(db, options)
  if (hooks.nativeImages) {
    return await planNatively(db, where, options, spill, builder, {
      encode,
      images: hooks.nativeImages,
      signal: hooks.signal
    })
  }
  // One pass instead of a plan pass plus a re-read in export order: at 100k pairs the re-read
  // (random access by id, in batches) cost more than this whole query.
  // Raw rows (arrays) and positional reads: this loop runs once per pair of the export, and
  // skipping per-row object creation roughly halves its cost at 100k pairs.
  const rows = db
    .prepare(pairReadSql(where, options))
    .raw(true)
    .iterate(where.params) as IterableIterator<PairRow>
  const seen = new Set<string>()
  const sink = {
    admit: (id: string) => !seen.has(id) && seen.add(id) !== undefined,
    append: (text: string, bucket: number) => spill.append(text, bucket)
  }
  let rowsRead = 0
  for (const row of rows) {
    if (++rowsRead % ROWS_PER_TURN === 0) {
      await nextTurn()
      hooks.signal?.throwIfAborted()
    }
    builder.planRow(row, encode, sink)
  }
  spill.seal()
  return builder.plan
}

/**
 * A read-only connection to the project's database for one export's long read, so the read can
 * pause between rows without blocking the project's own connection. Close it when done.
 * `extension`: the export's SQLite extension to load into it (`deltaExportExtension`), if any.
 */
export function openExportReader(projectDb: Db, extension: string | null = null): Db {
  const reader = openDatabase(projectDb.name, { readonly: true })
  try {
    // The plan reads the whole table once, in order, on a connection of its own: through a
    // fresh memory map every page costs a page fault (and the unmap at close), where reads into
    // SQLite's small page cache reuse the same memory. Measured on the 2-core CI VM, native plan
    // of 100k pairs, alternated in one process: 552 ms without the map, 600 ms with it.
    reader.pragma('mmap_size = 0')
    if (extension) reader.loadExtension(extension)
  } catch (error) {
    reader.close()
    throw error
  }
  return reader
}
