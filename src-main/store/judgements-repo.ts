import type { PairFilter } from '../../src-shared/domain/pair-filter'
import type { Db } from '../db/open-database'
import { compilePairFilter } from './pair-filter-sql'
import { StatementCache, nowIso, writeTx } from './write-tx'

/** A pair as the judge reads it: both answers in their generation slots, as they will export. */
export type PairToJudge = {
  readonly id: number
  readonly question: string
  /** Content hashes of the sample's original images, in order. */
  readonly images: readonly string[]
  /** Generation slot A (the generated chosen), with the person's edit if any. */
  readonly slotA: string
  readonly slotB: string
}

export type PairJudgement = {
  readonly pairId: number
  readonly model: string
  readonly isTestModel: boolean
  /** P(slot A wins) with slot A shown first; null for no verdict. */
  readonly chosenFirst: number | null
  /** P(slot B wins) with slot B shown first; null for no verdict. */
  readonly rejectedFirst: number | null
  /** Both orders averaged, P(slot A wins); null when neither order gave a verdict. */
  readonly score: number | null
}

export type JudgementRow = {
  model: string
  isTestModel: boolean
  chosenFirst: number | null
  rejectedFirst: number | null
  score: number | null
  reversed: boolean
  judgedAt: string
}

/** Rows of `pair_judgements` and the judge score of `pairs` they feed. */
export class JudgementsRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  /**
   * Ids of pairs matching `filter`, in id order; with `skipJudgedBy`, pairs that model already
   * judged are left out (a resumed or repeated audit asks nothing twice).
   */
  pairIds(filter: PairFilter, skipJudgedBy?: string): number[] {
    const where = compilePairFilter(filter)
    const skip = skipJudgedBy
      ? 'AND NOT EXISTS (SELECT 1 FROM pair_judgements j WHERE j.pair_id = p.id AND j.model = @model)'
      : ''
    return this.db
      .prepare(`SELECT p.id FROM pairs p WHERE ${where.sql} ${skip} ORDER BY p.id`)
      .pluck()
      .all({ ...where.params, ...(skipJudgedBy ? { model: skipJudgedBy } : {}) }) as number[]
  }

  /** What the judge needs of these pairs, in the order given; unknown ids are skipped. */
  pairsToJudge(ids: readonly number[]): PairToJudge[] {
    const rows = this.#s
      .get(
        `SELECT p.id, s.question, COALESCE(p.chosen_edit, t.chosen_text) AS a,
           COALESCE(p.rejected_edit, t.rejected_text) AS b,
           (SELECT json_group_array(sha256) FROM (SELECT i.sha256 FROM sample_images si
              JOIN images i ON i.id = si.image_id WHERE si.sample_id = p.sample_id
              ORDER BY si.position)) AS images
         FROM pairs p JOIN pair_texts t ON t.pair_id = p.id JOIN samples s ON s.id = p.sample_id
         WHERE p.id IN (SELECT value FROM json_each(?))`
      )
      .all(JSON.stringify(ids)) as Array<{
      id: number
      question: string
      a: string
      b: string
      images: string
    }>
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.flatMap((id) => {
      const r = byId.get(id)
      return r
        ? [
            {
              id,
              question: r.question,
              images: JSON.parse(r.images) as string[],
              slotA: r.a,
              slotB: r.b
            }
          ]
        : []
    })
  }

  /**
   * Stores judgements and copies each averaged score to `pairs.judge_score` (generation slots).
   * Not a user change: no event, no version bump, so an open edit never conflicts with a judge
   * job finishing.
   */
  record(judgements: readonly PairJudgement[]): void {
    const upsert = this.#s.get(
      `INSERT INTO pair_judgements (pair_id, model, is_test_model, chosen_first, rejected_first,
         score, reversed, judged_at)
       VALUES (@pairId, @model, @isTestModel, @chosenFirst, @rejectedFirst, @score, @reversed, @at)
       ON CONFLICT (pair_id) DO UPDATE SET model = excluded.model,
         is_test_model = excluded.is_test_model, chosen_first = excluded.chosen_first,
         rejected_first = excluded.rejected_first, score = excluded.score,
         reversed = excluded.reversed, judged_at = excluded.judged_at`
    )
    const score = this.#s.get('UPDATE pairs SET judge_score = ? WHERE id = ?')
    const at = nowIso()
    writeTx(this.db, () => {
      for (const j of judgements) {
        upsert.run({
          pairId: j.pairId,
          model: j.model,
          isTestModel: j.isTestModel ? 1 : 0,
          chosenFirst: j.chosenFirst,
          rejectedFirst: j.rejectedFirst,
          score: j.score,
          reversed: j.score !== null && j.score < 0.5 ? 1 : 0,
          at
        })
        score.run(j.score, j.pairId)
      }
    })
  }

  get(pairId: number): JudgementRow | null {
    const r = this.#s
      .get(
        `SELECT model, is_test_model, chosen_first, rejected_first, score, reversed, judged_at
         FROM pair_judgements WHERE pair_id = ?`
      )
      .get(pairId) as
      | {
          model: string
          is_test_model: 0 | 1
          chosen_first: number | null
          rejected_first: number | null
          score: number | null
          reversed: 0 | 1
          judged_at: string
        }
      | undefined
    if (!r) return null
    return {
      model: r.model,
      isTestModel: r.is_test_model === 1,
      chosenFirst: r.chosen_first,
      rejectedFirst: r.rejected_first,
      score: r.score,
      reversed: r.reversed === 1,
      judgedAt: r.judged_at
    }
  }
}
