import { setImmediate as nextTurn } from 'node:timers/promises'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import { orderBucket } from '../../../src-shared/domain/export-order'
import { openDatabase } from '../../db/open-database'
import { EFF, SHOWN_TEXT } from '../../store/pair-columns'
import type { Db } from '../../db/open-database'
import { ImageListParser, imageListSql } from './image-list'
import type { ImageList } from './image-list'
import { NATIVE_HEAD_START, readNativeHead } from './native-head'
import type { NativeHead } from './native-head'
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

/**
 * The rest of a record's line after the head the export's SQLite extension built natively
 * (`NativeHead`): only for formats whose lines start with `trlHead` (see NATIVE_TAILS).
 */
export type NativeTail = (record: ExportRecordMeta) => string

export type PlanHooks = {
  readonly signal?: AbortSignal
  /**
   * Build each record's id and line head in the export's SQLite extension, which must be loaded
   * into the plan's connection (`openExportReader`), and finish lines with this.
   */
  readonly nativeTail?: NativeTail
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
  string | Buffer,
  string | null,
  string | null,
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
  const read = `SELECT p.id AS id, p.tier AS tier, p.status AS status, s.question AS q,
              ${SHOWN_TEXT.chosen} AS c, ${SHOWN_TEXT.rejected} AS r, p.origin AS origin,
              ${EFF.judgeScore} AS judge, ${EFF.deltaTokens} AS delta, p.recipe_key AS recipe,
              p.perturb_type AS perturb, p.run_id AS run, ${imageListSql(options.promptImage)} AS imgs
         FROM pairs p NOT INDEXED JOIN pair_texts t ON t.pair_id = p.id
         JOIN samples s ON s.id = p.sample_id
        WHERE ${where.sql}
        ORDER BY p.id`
  const { nativeTail } = hooks
  // Natively, the three texts go into `delta_trl_head` (column 3) and never reach JavaScript.
  // The read becomes a subquery that SQLite must not flatten (LIMIT -1), or the image list
  // would be computed twice, once for each use; the outer ORDER BY costs no sort.
  const sql = nativeTail
    ? `SELECT id, tier, status, delta_trl_head(q, c, r, imgs), NULL, NULL,
              ${PASSED_THROUGH.join(', ')}
         FROM (${read} LIMIT -1)
        ORDER BY id`
    : read
  const rows = db.prepare(sql).raw(true).iterate(where.params) as IterableIterator<PairRow>
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
  let rowsRead = 0
  for (const row of rows) {
    if (++rowsRead % ROWS_PER_TURN === 0) {
      await nextTurn()
      hooks.signal?.throwIfAborted()
    }
    const [pairId, tier, status, , , , origin, judgeScore, deltaTokens] = row
    const list = row[12] === null ? null : images.parse(row[12])
    if (!list) {
      stats.skip(pairId, 'the pair has no image')
      continue
    }
    const texts = nativeTail ? nativeTexts(row[3] as Buffer, list) : jsTexts(row, list)
    // A native head means a TRL line (NATIVE_TAILS), and TRL has no rule about the question.
    if (texts.kind === 'js') {
      const problem = formatProblem(options.format, texts.question, list.shas.length)
      if (problem) {
        stats.skip(pairId, problem)
        continue
      }
    }
    const { id } = texts
    if (options.dedupe) {
      if (texts.identical) {
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
    const record: ExportRecordMeta = {
      pairId,
      id,
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
    const bucket = orderBucket(id, tier, options.order, options.seed)
    if (texts.kind === 'native') {
      spill.appendJoined(texts.head, NATIVE_HEAD_START, (nativeTail as NativeTail)(record), bucket)
    } else {
      const { question, chosen, rejected } = texts
      spill.append(encode({ ...record, question, chosen, rejected }, texts.quoted), bucket)
    }
    stats.add(record)
    plan.pairIds.push(pairId)
    plan.keys.push(id)
    plan.tiers.push(tier)
    plan.sourceKeys.push(list.roots)
  }
  spill.seal()
  return plan
}

/** The read's columns after the texts, which the native read passes through. */
const PASSED_THROUGH = ['origin', 'judge', 'delta', 'recipe', 'perturb', 'run', 'imgs'] as const

/** A record's texts as the plan uses them: quoted for a JS-encoded line, or a native head. */
type RecordTexts =
  | {
      readonly kind: 'js'
      readonly id: string
      readonly identical: boolean
      readonly question: string
      readonly chosen: string
      readonly rejected: string
      readonly quoted: QuotedTexts
    }
  | Extract<NativeHead, { kind: 'native' }>

function jsTexts(row: PairRow, list: ImageList): RecordTexts {
  return textsOf(row[3] as string, row[4] as string, row[5] as string, list)
}

function textsOf(question: string, chosen: string, rejected: string, list: ImageList): RecordTexts {
  const quoted = quoteTexts({ question, chosen, rejected })
  return {
    kind: 'js',
    id: contentId(quoted, list.shasJson),
    identical: chosen.trim() === rejected.trim(),
    question,
    chosen,
    rejected,
    quoted
  }
}

function nativeTexts(value: Buffer, list: ImageList): RecordTexts {
  const native = readNativeHead(value)
  if (native.kind === 'native') return native
  const [question, chosen, rejected] = native.texts
  return textsOf(question as string, chosen as string, rejected as string, list)
}

/**
 * A read-only connection to the project's database for one export's long read, so the read can
 * pause between rows without blocking the project's own connection. Close it when done.
 * `extension`: the export's SQLite extension to load into it (`deltaExportExtension`), if any.
 */
export function openExportReader(projectDb: Db, extension: string | null = null): Db {
  const reader = openDatabase(projectDb.name, { readonly: true })
  try {
    if (extension) reader.loadExtension(extension)
  } catch (error) {
    reader.close()
    throw error
  }
  return reader
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
