import type { PairDto, TierSource } from '../../src-shared/contract/pairs'
import { lengthDelta } from '../../src-shared/domain/length-delta'
import type { PairOrigin, PairStatus, Tier } from '../../src-shared/domain/pair-filter'
import type { Db } from '../db/open-database'
import { variantKey } from './images-repo'
import type { ImagesRepo } from './images-repo'
import { PAIR_ROW_FROM, PAIR_ROW_SELECT, toPairDto } from './pair-row'
import { insertPairTexts } from './pair-texts'
import type { PairRow } from './pair-row'
import type { CompositionsRepo } from './compositions-repo'
import type { RunsRepo } from './runs-repo'
import { StatementCache, nowIso, writeTx } from './write-tx'

/**
 * A pair to create. Texts are copied from the responses so a pair survives re-generation.
 * Deltas default to rejected minus chosen computed from the texts and token counts.
 */
export type NewPair = {
  readonly sampleId: number
  readonly origin: PairOrigin
  readonly runId?: number | null
  readonly chosenResponseId?: number | null
  readonly rejectedResponseId?: number | null
  readonly chosenText: string
  readonly rejectedText: string
  /** Defaults to the sample's tier and tier source. */
  readonly tier?: Tier
  readonly tierSource?: TierSource
  readonly status?: PairStatus
  readonly note?: string | null
  readonly recipeKey?: string | null
  readonly perturbType?: string | null
  readonly perturbLevel?: number | null
  readonly psnr?: number | null
  readonly ssim?: number | null
  readonly chosenTokens?: number | null
  readonly rejectedTokens?: number | null
  readonly deltaTokens?: number | null
  readonly deltaChars?: number | null
  readonly deltaWords?: number | null
  readonly editDistance?: number | null
  readonly chosenCorrect?: boolean | null
  readonly rejectedCorrect?: boolean | null
  readonly flipLevel?: number | null
  /** Probability that chosen beats rejected, 0..1. */
  readonly judgeScore?: number | null
  readonly tags?: readonly string[]
  /** Creation time (ISO-8601); defaults to now. Imports keep their original time. */
  readonly createdAt?: string
}

const b = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 1 : 0)

/** Rows of `pairs` and `pair_tags`: creation (idempotent) and hydration into `PairDto`s. */
export class PairsRepo {
  readonly #s: StatementCache

  constructor(
    readonly db: Db,
    private readonly images: ImagesRepo,
    private readonly runs: RunsRepo,
    private readonly compositions?: CompositionsRepo
  ) {
    this.#s = new StatementCache(db)
  }

  /**
   * Creates a pair; with both response ids set, a pair of the same two responses is created
   * once (ON CONFLICT DO NOTHING) and a repeat returns the stored id with `inserted: false`.
   * The row and its texts are written in one transaction.
   */
  create(pair: NewPair): { id: number; inserted: boolean } {
    return writeTx(this.db, () => this.#insert(pair))
  }

  #insert(pair: NewPair): { id: number; inserted: boolean } {
    const sample = this.#s
      .get('SELECT tier, tier_source FROM samples WHERE id = ?')
      .get(pair.sampleId) as { tier: Tier; tier_source: TierSource } | undefined
    if (!sample) throw new Error(`Sample ${pair.sampleId} does not exist`)
    const delta = lengthDelta({
      chosen: pair.chosenText,
      rejected: pair.rejectedText,
      chosenTokens: pair.chosenTokens,
      rejectedTokens: pair.rejectedTokens
    })
    const at = pair.createdAt ?? nowIso()
    const info = this.#s
      .get(
        `INSERT INTO pairs (sample_id, origin, run_id, chosen_response_id, rejected_response_id,
           status, tier, tier_source, note, recipe_key, perturb_type,
           perturb_level, psnr, ssim, chosen_tokens, rejected_tokens, delta_tokens, delta_chars,
           delta_words, edit_distance, chosen_correct, rejected_correct, flip_level, judge_score,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (chosen_response_id, rejected_response_id) DO NOTHING`
      )
      .run(
        pair.sampleId,
        pair.origin,
        pair.runId ?? null,
        pair.chosenResponseId ?? null,
        pair.rejectedResponseId ?? null,
        pair.status ?? 'pending',
        pair.tier ?? sample.tier,
        pair.tierSource ?? sample.tier_source,
        pair.note ?? null,
        pair.recipeKey ?? null,
        pair.perturbType ?? null,
        pair.perturbLevel ?? null,
        pair.psnr ?? null,
        pair.ssim ?? null,
        pair.chosenTokens ?? null,
        pair.rejectedTokens ?? null,
        pair.deltaTokens !== undefined ? pair.deltaTokens : delta.tokens,
        pair.deltaChars ?? delta.chars,
        pair.deltaWords ?? delta.words,
        pair.editDistance ?? null,
        b(pair.chosenCorrect),
        b(pair.rejectedCorrect),
        pair.flipLevel ?? null,
        pair.judgeScore ?? null,
        at,
        at
      )
    if (info.changes === 0) {
      const row = this.#s
        .get('SELECT id FROM pairs WHERE chosen_response_id = ? AND rejected_response_id = ?')
        .get(pair.chosenResponseId ?? null, pair.rejectedResponseId ?? null) as { id: number }
      return { id: row.id, inserted: false }
    }
    const id = Number(info.lastInsertRowid)
    insertPairTexts(this.db, id, pair.chosenText, pair.rejectedText)
    if (pair.tags?.length) {
      const tag = this.#s.get('INSERT OR IGNORE INTO pair_tags (pair_id, tag) VALUES (?, ?)')
      for (const t of pair.tags) tag.run(id, t)
    }
    return { id, inserted: true }
  }

  /** Creates every pair of one sample in one write transaction (idempotent, see `create`). */
  createPairsForSample(
    sampleId: number,
    pairs: ReadonlyArray<Omit<NewPair, 'sampleId'>>
  ): Array<{ id: number; inserted: boolean }> {
    return writeTx(this.db, () => pairs.map((p) => this.create({ ...p, sampleId })))
  }

  /** Creates many pairs (any samples) in one write transaction. */
  createMany(pairs: readonly NewPair[]): Array<{ id: number; inserted: boolean }> {
    return writeTx(this.db, () => pairs.map((p) => this.create(p)))
  }

  /**
   * Records judge scores measured in generation order (probability that the generated chosen
   * beats the generated rejected). Not a user change: no event, no version bump, so a person's
   * open edit never conflicts with a finishing judge job.
   */
  setJudgeScores(scores: ReadonlyArray<{ pairId: number; score: number | null }>): void {
    const update = this.#s.get('UPDATE pairs SET judge_score = ? WHERE id = ?')
    writeTx(this.db, () => scores.forEach((s) => update.run(s.score, s.pairId)))
  }

  /**
   * The pair of these two responses; `chosenResponseId` null finds a pair whose chosen answer is
   * the ground truth (no response), which the UNIQUE constraint cannot guard.
   */
  findByResponses(chosenResponseId: number | null, rejectedResponseId: number): number | null {
    const row = this.#s
      .get('SELECT id FROM pairs WHERE chosen_response_id IS ? AND rejected_response_id = ?')
      .get(chosenResponseId, rejectedResponseId) as { id: number } | undefined
    return row?.id ?? null
  }

  /** Pairs of a run, of one origin. */
  countOfRun(runId: number, origin: PairOrigin): number {
    const row = this.#s
      .get('SELECT COUNT(*) AS n FROM pairs WHERE run_id = ? AND origin = ?')
      .get(runId, origin) as { n: number }
    return row.n
  }

  exists(id: number): boolean {
    return this.#s.get('SELECT 1 FROM pairs WHERE id = ?').get(id) !== undefined
  }

  /** Raw row (generation slots, not swapped), or null. */
  row(id: number): PairRow | null {
    return (
      (this.#s.get(`SELECT ${PAIR_ROW_SELECT} FROM ${PAIR_ROW_FROM} WHERE p.id = ?`).get(id) as
        PairRow | undefined) ?? null
    )
  }

  tagsOf(id: number): string[] {
    return (
      this.#s.get('SELECT tag FROM pair_tags WHERE pair_id = ? ORDER BY tag').all(id) as Array<{
        tag: string
      }>
    ).map((r) => r.tag)
  }

  /** Full DTOs for `ids`, in the order given; unknown ids are skipped. */
  dtos(ids: readonly number[]): PairDto[] {
    if (!ids.length) return []
    const json = JSON.stringify(ids)
    const rows = this.#s
      .get(
        `SELECT ${PAIR_ROW_SELECT} FROM ${PAIR_ROW_FROM}
         WHERE p.id IN (SELECT value FROM json_each(?))`
      )
      .all(json) as PairRow[]
    const tags = new Map<number, string[]>()
    for (const r of this.#s
      .get(
        'SELECT pair_id, tag FROM pair_tags WHERE pair_id IN (SELECT value FROM json_each(?)) ORDER BY pair_id, tag'
      )
      .all(json) as Array<{ pair_id: number; tag: string }>) {
      const list = tags.get(r.pair_id) ?? []
      list.push(r.tag)
      tags.set(r.pair_id, list)
    }
    const hq = this.images.originalsOfSamples([...new Set(rows.map((r) => r.sample_id))])
    const lq = this.images.variantsOf(
      rows
        .filter((r) => r.recipe_key !== null)
        .map((r) => ({ sampleId: r.sample_id, recipeKey: r.recipe_key! }))
    )
    const runs = this.runs.infoByIds(rows.flatMap((r) => (r.run_id === null ? [] : [r.run_id])))
    const composed = this.compositions?.dtos([...new Set(rows.map((r) => r.sample_id))])
    const byId = new Map(
      rows.map((r) => [
        r.id,
        toPairDto(r, {
          tags: tags.get(r.id) ?? [],
          hqImages: hq.get(r.sample_id) ?? [],
          lqImages:
            r.recipe_key === null ? [] : (lq.get(variantKey(r.sample_id, r.recipe_key)) ?? []),
          run: r.run_id === null ? null : (runs.get(r.run_id) ?? null),
          composition: composed?.get(r.sample_id) ?? null
        })
      ])
    )
    return ids.flatMap((id) => {
      const dto = byId.get(id)
      return dto ? [dto] : []
    })
  }
}
