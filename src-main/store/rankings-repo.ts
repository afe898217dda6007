import type { RankingDto, RankingSummaryDto } from '../../src-shared/contract/judge'
import type { Db } from '../db/open-database'
import { StatementCache, nowIso, writeTx } from './write-tx'

export type NewRanking = {
  readonly jobId: string | null
  /** Identifies the prompt within its job (resume skips a key already stored). */
  readonly promptKey: string
  readonly prompt: string
  readonly model: string
  readonly isTestModel: boolean
  readonly comparisons: number
  readonly noVerdict: number
  readonly orderEffect: number | null
  readonly wins: readonly (readonly number[])[]
  /** In input order. */
  readonly images: ReadonlyArray<{ imageId: number; label: string; score: number; rank: number }>
  /** Positions in `images`. */
  readonly pairs: ReadonlyArray<{ chosen: number; rejected: number; margin: number }>
}

type SummaryRow = {
  id: number
  prompt: string
  model: string
  is_test_model: 0 | 1
  images: number
  comparisons: number
  no_verdict: number
  created_at: string
}

const SUMMARY = `r.id, r.prompt, r.model, r.is_test_model, r.comparisons, r.no_verdict, r.created_at,
  (SELECT COUNT(*) FROM ranking_images ri WHERE ri.ranking_id = r.id) AS images`

const summary = (r: SummaryRow): RankingSummaryDto => ({
  id: r.id,
  prompt: r.prompt,
  model: r.model,
  isTestModel: r.is_test_model === 1,
  images: r.images,
  comparisons: r.comparisons,
  noVerdict: r.no_verdict,
  createdAt: r.created_at
})

/** Rows of `rankings`, `ranking_images` and the `image_pairs` a ranking yields. */
export class RankingsRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  /** Prompt keys a job already ranked. */
  rankedKeys(jobId: string): Set<string> {
    return new Set(
      this.#s.get('SELECT prompt_key FROM rankings WHERE job_id = ?').pluck().all(jobId) as string[]
    )
  }

  /** Stores a ranking with its images and pairs in one transaction; returns its id. */
  create(r: NewRanking): number {
    return writeTx(this.db, () => {
      const at = nowIso()
      const id = Number(
        this.#s
          .get(
            `INSERT INTO rankings (job_id, prompt_key, prompt, model, is_test_model, comparisons,
               no_verdict, order_effect, wins, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
          )
          .run(
            r.jobId,
            r.promptKey,
            r.prompt,
            r.model,
            r.isTestModel ? 1 : 0,
            r.comparisons,
            r.noVerdict,
            r.orderEffect,
            JSON.stringify(r.wins),
            at
          ).lastInsertRowid
      )
      const image = this.#s.get(
        `INSERT INTO ranking_images (ranking_id, position, image_id, label, score, rank)
         VALUES (?, ?, ?, ?, ?, ?)`
      )
      r.images.forEach((im, position) =>
        image.run(id, position, im.imageId, im.label, im.score, im.rank)
      )
      const pair = this.#s.get(
        `INSERT OR IGNORE INTO image_pairs (ranking_id, prompt, chosen_image_id, rejected_image_id,
           margin, created_at) VALUES (?, ?, ?, ?, ?, ?)`
      )
      for (const p of r.pairs) {
        const chosen = r.images[p.chosen]!.imageId
        const rejected = r.images[p.rejected]!.imageId
        if (chosen !== rejected) pair.run(id, r.prompt, chosen, rejected, p.margin, at)
      }
      return id
    })
  }

  list(limit: number): RankingSummaryDto[] {
    return (
      this.#s
        .get(`SELECT ${SUMMARY} FROM rankings r ORDER BY r.created_at DESC, r.id DESC LIMIT ?`)
        .all(limit) as SummaryRow[]
    ).map(summary)
  }

  get(id: number): RankingDto | null {
    const row = this.#s
      .get(`SELECT ${SUMMARY}, r.order_effect, r.wins FROM rankings r WHERE r.id = ?`)
      .get(id) as (SummaryRow & { order_effect: number | null; wins: string }) | undefined
    if (!row) return null
    const images = this.#s
      .get(
        `SELECT ri.position, ri.label, i.sha256, ri.score, ri.rank, ri.image_id
         FROM ranking_images ri JOIN images i ON i.id = ri.image_id
         WHERE ri.ranking_id = ? ORDER BY ri.rank, ri.position`
      )
      .all(id) as Array<{
      position: number
      label: string
      sha256: string
      score: number
      rank: number
      image_id: number
    }>
    const positionOf = new Map(images.map((im) => [im.image_id, im.position]))
    const pairs = (
      this.#s
        .get(
          `SELECT chosen_image_id, rejected_image_id, margin FROM image_pairs
           WHERE ranking_id = ? ORDER BY margin DESC, id`
        )
        .all(id) as Array<{ chosen_image_id: number; rejected_image_id: number; margin: number }>
    ).map((p) => ({
      chosen: positionOf.get(p.chosen_image_id)!,
      rejected: positionOf.get(p.rejected_image_id)!,
      margin: p.margin
    }))
    return {
      ...summary(row),
      orderEffect: row.order_effect,
      ranked: images.map(({ image_id: _unused, ...im }) => im),
      wins: JSON.parse(row.wins) as number[][],
      pairs
    }
  }

  imagePairCount(): number {
    return this.#s.get('SELECT COUNT(*) FROM image_pairs').pluck().get() as number
  }
}
