import type { ExportOptions } from '../../../src-shared/contract/exports'
import { orderBucket } from '../../../src-shared/domain/export-order'
import type { Db } from '../../db/open-database'
import { contentId, quoteTexts } from './content-id'
import { ExportStats } from './export-stats'
import type { StatsFields } from './export-stats'
import { ImageListParser } from './image-list'
import type { ImageList } from './image-list'
import { NativeRecordLog } from './native-record-log'
import type { ExportRecordMeta, PlanResult, RecordEncoder } from './pair-source'
import { formatProblem } from './row-builders'

/**
 * One row of the plan's read (`pairReadSql`), as raw values: id, tier, status, question, chosen,
 * rejected (as shown), origin, judge_score, delta_tokens (as shown), recipe_key, perturb_type,
 * run_id, imgs (`imageListSql`).
 */
export type PairRow = [
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

/** Where a planned record goes: dedupe and the record spill (JavaScript's own, or the native plan's). */
export type RecordSink = {
  /** Whether a record with this content id is the first (it counts as seen from now on). */
  admit(id: string): boolean
  /** Spills a record's encoded text into an order bucket; returns its record index. */
  append(text: string, bucket: number): number
}

/**
 * Collects an export's plan (`PlanResult`) as records are planned, in id order: by the
 * JavaScript row loop (`planRow`) or from the native plan (`addRecord`, `addClass`), which
 * share what repeats across records (image lists, runs, short strings).
 */
export class PlanBuilder {
  readonly plan: PlanResult = {
    pairIds: [],
    keys: [],
    tiers: [],
    sourceKeys: [],
    stats: new ExportStats()
  }
  readonly lists = new ImageListParser()
  readonly #runs: Map<number, { model: string; testModel: boolean }>
  readonly #shared = new Map<string, string>()
  readonly #options: ExportOptions
  /** A native plan's record log (`logRecords`): records then go there, not into `plan`. */
  #log: NativeRecordLog | null = null

  constructor(db: Db, options: ExportOptions) {
    this.#options = options
    this.#runs = loadRuns(db)
  }

  /**
   * Plans one row the JavaScript way: skips it (counted, with the reason) or encodes it with
   * `encode` into `sink`. The same rules as the native loop (native/export-plan.c).
   */
  planRow(row: PairRow, encode: RecordEncoder, sink: RecordSink): void {
    const { stats } = this.plan
    const [pairId, tier, status, question, chosen, rejected, origin, judgeScore, deltaTokens] = row
    const list = row[12] === null ? null : this.lists.parse(row[12])
    if (!list) {
      stats.skip(pairId, 'the pair has no image')
      return
    }
    const problem = formatProblem(this.#options.format, question, list.shas.length)
    if (problem) {
      stats.skip(pairId, problem)
      return
    }
    const quoted = quoteTexts({ question, chosen, rejected })
    const id = contentId(quoted, list.shasJson)
    if (this.#options.dedupe) {
      if (chosen.trim() === rejected.trim()) {
        stats.skip(pairId, 'chosen and rejected are identical')
        return
      }
      if (!sink.admit(id)) {
        stats.skip(pairId, `duplicate of record ${id}`)
        return
      }
    }
    const run = row[11] === null ? undefined : this.#runs.get(row[11])
    const record: ExportRecordMeta = {
      pairId,
      id,
      tier,
      status: this.#intern(status),
      origin: this.#intern(origin),
      judgeScore,
      deltaTokens,
      recipeKey: row[9] === null ? null : this.#intern(row[9]),
      perturbType: row[10] === null ? null : this.#intern(row[10]),
      model: run?.model ?? null,
      testModel: run?.testModel ?? false,
      images: list.images
    }
    const { order, seed } = this.#options
    const text = encode({ ...record, question, chosen, rejected }, quoted)
    sink.append(text, orderBucket(id, tier, order, seed))
    stats.add(record)
    this.addRecord(pairId, id, tier, list)
  }

  /** From now on, records go to a native plan's log (see `NativeRecordLog`); returns it. */
  logRecords(): NativeRecordLog {
    this.#log ??= new NativeRecordLog()
    return this.#log
  }

  /** Notes a record spilled as the plan's next record (its stats are counted separately). */
  addRecord(pairId: number, id: string, tier: number, list: ImageList): void {
    if (this.#log) return this.#log.addDecoded(pairId, id, tier, list.roots)
    this.plan.pairIds.push(pairId)
    this.plan.keys.push(id)
    this.plan.tiers.push(tier)
    this.plan.sourceKeys.push(list.roots)
  }

  /** Counts `records` records of one class (see `StatsFields`) with a run id, not a model. */
  addClass(fields: Omit<StatsFields, 'model' | 'testModel'>, run: number | null, records: number) {
    const known = run === null ? undefined : this.#runs.get(run)
    const { status, origin, recipeKey, perturbType } = fields
    this.plan.stats.add(
      {
        tier: fields.tier,
        status: this.#intern(status),
        origin: this.#intern(origin),
        recipeKey: recipeKey === null ? null : this.#intern(recipeKey),
        perturbType: perturbType === null ? null : this.#intern(perturbType),
        model: known?.model ?? null,
        testModel: known?.testModel ?? false
      },
      records
    )
  }

  /** One shared copy of each repeated short string (status, origin, recipe), not one per record. */
  #intern(value: string): string {
    const known = this.#shared.get(value)
    if (known !== undefined) return known
    this.#shared.set(value, value)
    return value
  }
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
