import type { SampleDto, SampleFilter } from '../../src-shared/contract/samples'
import type { TierSource } from '../../src-shared/contract/pairs'
import type { Tier } from '../../src-shared/domain/pair-filter'
import type { Db } from '../db/open-database'
import { toFtsQuery } from './fts-query'
import type { ImagesRepo } from './images-repo'
import { StatementCache, nowIso, parseJson, writeTx } from './write-tx'

export type NewSample = {
  readonly question: string
  readonly groundTruth?: string | null
  readonly tier?: Tier
  readonly tierSource?: TierSource
  readonly externalId?: string | null
  readonly metadata?: Record<string, unknown> | null
  /** Identity of the sample (e.g. hash of image hashes + folded question): inserted once. */
  readonly dedupeKey: string
  /** Original image ids, in order (position 0, 1, …). */
  readonly imageIds: readonly number[]
}

type SampleRow = {
  id: number
  external_id: string | null
  question: string
  ground_truth: string | null
  tier: Tier
  tier_source: TierSource
  metadata: string | null
  created_at: string
  response_count: number
  pair_count: number
}

const SELECT = `SELECT s.id, s.external_id, s.question, s.ground_truth, s.tier, s.tier_source,
  s.metadata, s.created_at,
  (SELECT COUNT(*) FROM responses r WHERE r.sample_id = s.id) AS response_count,
  (SELECT COUNT(*) FROM pairs p WHERE p.sample_id = s.id) AS pair_count
  FROM samples s`

/** Rows of `samples` and `sample_images`. */
export class SamplesRepo {
  readonly #s: StatementCache

  constructor(
    readonly db: Db,
    private readonly images: ImagesRepo
  ) {
    this.#s = new StatementCache(db)
  }

  /**
   * Inserts a sample with its ordered images, once per `dedupeKey`: a second insert changes
   * nothing and returns the stored id with `inserted: false`. One write transaction.
   */
  insert(sample: NewSample): { id: number; inserted: boolean } {
    return writeTx(this.db, () => {
      const info = this.#s
        .get(
          `INSERT INTO samples (external_id, question, ground_truth, tier, tier_source, metadata,
             dedupe_key, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`
        )
        .run(
          sample.externalId ?? null,
          sample.question,
          sample.groundTruth ?? null,
          sample.tier ?? 1,
          sample.tierSource ?? 'auto',
          sample.metadata ? JSON.stringify(sample.metadata) : null,
          sample.dedupeKey,
          nowIso()
        )
      if (info.changes === 0) {
        const row = this.#s
          .get('SELECT id FROM samples WHERE dedupe_key = ?')
          .get(sample.dedupeKey) as { id: number }
        return { id: row.id, inserted: false }
      }
      const id = Number(info.lastInsertRowid)
      const link = this.#s.get(
        'INSERT INTO sample_images (sample_id, position, image_id) VALUES (?, ?, ?)'
      )
      sample.imageIds.forEach((imageId, position) => link.run(id, position, imageId))
      return { id, inserted: true }
    })
  }

  /** Inserts many samples in one write transaction; results in input order. */
  insertMany(samples: readonly NewSample[]): Array<{ id: number; inserted: boolean }> {
    return writeTx(this.db, () => samples.map((s) => this.insert(s)))
  }

  idByDedupeKey(dedupeKey: string): number | null {
    const row = this.#s.get('SELECT id FROM samples WHERE dedupe_key = ?').get(dedupeKey) as
      { id: number } | undefined
    return row?.id ?? null
  }

  /** Sets the tier of a sample (and its source: a person, the composer, an import). */
  setTier(id: number, tier: Tier, source: TierSource): void {
    this.#s.get('UPDATE samples SET tier = ?, tier_source = ? WHERE id = ?').run(tier, source, id)
  }

  get(id: number): SampleDto | null {
    const row = this.#s.get(`${SELECT} WHERE s.id = ?`).get(id) as SampleRow | undefined
    return row ? this.#toDtos([row])[0]! : null
  }

  /** One page by ascending id after `cursor`, with the total under the filter. */
  list(filter: SampleFilter, cursor: number | null, limit: number) {
    const where: string[] = []
    const params: Record<string, unknown> = {}
    if (filter.tiers?.length) {
      where.push(`s.tier IN (${filter.tiers.map((_, i) => `@t${i}`).join(', ')})`)
      filter.tiers.forEach((t, i) => (params[`t${i}`] = t))
    }
    const match = filter.text ? toFtsQuery(filter.text) : null
    if (match) {
      where.push('s.id IN (SELECT rowid FROM samples_fts WHERE samples_fts MATCH @match)')
      params.match = match
    }
    if (filter.hasPairs !== undefined) {
      where.push(
        `${filter.hasPairs ? '' : 'NOT '}EXISTS (SELECT 1 FROM pairs p WHERE p.sample_id = s.id)`
      )
    }
    const base = where.length ? where.join(' AND ') : '1'
    const total = (
      this.#s.get(`SELECT COUNT(*) AS n FROM samples s WHERE ${base}`).get(params) as { n: number }
    ).n
    const rows = this.#s
      .get(`${SELECT} WHERE ${base} AND s.id > @cursor ORDER BY s.id LIMIT @limit`)
      .all({ ...params, cursor: cursor ?? 0, limit: limit + 1 }) as SampleRow[]
    const more = rows.length > limit
    const page = rows.slice(0, limit)
    return {
      rows: this.#toDtos(page),
      nextCursor: more ? page[page.length - 1]!.id : null,
      total
    }
  }

  #toDtos(rows: readonly SampleRow[]): SampleDto[] {
    const images = this.images.originalsOfSamples(rows.map((r) => r.id))
    return rows.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      question: r.question,
      groundTruth: r.ground_truth,
      tier: r.tier,
      tierSource: r.tier_source,
      images: images.get(r.id) ?? [],
      metadata: parseJson<Record<string, unknown>>(r.metadata),
      responseCount: r.response_count,
      pairCount: r.pair_count,
      createdAt: r.created_at
    }))
  }
}
