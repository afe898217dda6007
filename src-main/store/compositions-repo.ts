import type { ComposeLayout, CompositionDto, SourceRole } from '../../src-shared/contract/compose'
import type { ImageDto } from '../../src-shared/contract/pairs'
import type { Tier } from '../../src-shared/domain/pair-filter'
import type { Db } from '../db/open-database'
import type { ImagesRepo } from './images-repo'
import type { LabelsRepo } from './labels-repo'
import { StatementCache, nowIso, writeTx } from './write-tx'

/** A single-image sample compositions can draw from, with its image and labels. */
export type PoolRow = {
  readonly id: number
  readonly question: string
  readonly groundTruth: string | null
  readonly metadata: string | null
  readonly image: {
    readonly id: number
    readonly sha256: string
    readonly width: number
    readonly height: number
  }
  readonly labels: Readonly<Record<string, string>>
}

export type NewComposition = {
  readonly sampleId: number
  readonly tier: Tier
  readonly layout: ComposeLayout
  readonly template: string
  readonly seed: number
  readonly guidedQuestion: string | null
  readonly jobId: string | null
  readonly sources: ReadonlyArray<{ readonly sampleId: number; readonly role: SourceRole }>
}

/** What the generate job needs of a composed sample: its layout and the guided form. */
export type CompositionForGeneration = {
  readonly layout: ComposeLayout
  readonly template: string
  readonly imageCount: number
  readonly guidedQuestion: string | null
  /** The guided form's images (targets and operands alone, in prompt order). */
  readonly guidedImages: ReadonlyArray<{ readonly id: number; readonly sha256: string }>
}

type CompositionRow = {
  sample_id: number
  tier: Tier
  layout: ComposeLayout
  template: string
  seed: number
  image_count: number
  guided_question: string | null
  job_id: string | null
  created_at: string
  question: string
  ground_truth: string | null
}

/** Rows of `compositions` and `composition_sources`: composed samples and their provenance. */
export class CompositionsRepo {
  readonly #s: StatementCache

  constructor(
    readonly db: Db,
    private readonly images: ImagesRepo,
    private readonly labels: LabelsRepo
  ) {
    this.#s = new StatementCache(db)
  }

  /** Single-image samples that are not compositions themselves, by ascending id. */
  pool(): PoolRow[] {
    const rows = this.#s
      .get(
        `SELECT s.id, s.question, s.ground_truth, s.metadata,
                i.id AS image_id, i.sha256, i.width, i.height
         FROM samples s
         JOIN sample_images si ON si.sample_id = s.id AND si.position = 0
         JOIN images i ON i.id = si.image_id
         WHERE NOT EXISTS (SELECT 1 FROM sample_images o WHERE o.sample_id = s.id AND o.position > 0)
           AND NOT EXISTS (SELECT 1 FROM compositions c WHERE c.sample_id = s.id)
         ORDER BY s.id`
      )
      .all() as Array<{
      id: number
      question: string
      ground_truth: string | null
      metadata: string | null
      image_id: number
      sha256: string
      width: number
      height: number
    }>
    const labels = this.labels.of(rows.map((r) => r.id))
    return rows.map((r) => ({
      id: r.id,
      question: r.question,
      groundTruth: r.ground_truth,
      metadata: r.metadata,
      image: { id: r.image_id, sha256: r.sha256, width: r.width, height: r.height },
      labels: labels.get(r.id) ?? {}
    }))
  }

  /** Records a composition once per sample (a repeat changes nothing); false when it existed. */
  insert(c: NewComposition): boolean {
    return writeTx(this.db, () => {
      const info = this.#s
        .get(
          `INSERT INTO compositions (sample_id, tier, layout, template, seed, image_count,
             guided_question, job_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sample_id) DO NOTHING`
        )
        .run(
          c.sampleId,
          c.tier,
          c.layout,
          c.template,
          c.seed,
          c.sources.length,
          c.guidedQuestion,
          c.jobId,
          nowIso()
        )
      if (info.changes === 0) return false
      const source = this.#s.get(
        `INSERT INTO composition_sources (sample_id, position, source_sample_id, role)
         VALUES (?, ?, ?, ?)`
      )
      c.sources.forEach((s, position) => source.run(c.sampleId, position, s.sampleId, s.role))
      return true
    })
  }

  /** The composed samples among `sampleIds`, with what generation needs of each. */
  forGeneration(sampleIds: readonly number[]): Map<number, CompositionForGeneration> {
    const rows = this.#s
      .get(
        `SELECT sample_id, layout, template, image_count, guided_question FROM compositions
         WHERE sample_id IN (SELECT value FROM json_each(?))`
      )
      .all(JSON.stringify(sampleIds)) as Array<{
      sample_id: number
      layout: ComposeLayout
      template: string
      image_count: number
      guided_question: string | null
    }>
    const guided = this.#s.get(
      `SELECT i.id, i.sha256 FROM composition_sources cs
       JOIN sample_images si ON si.sample_id = cs.source_sample_id AND si.position = 0
       JOIN images i ON i.id = si.image_id
       WHERE cs.sample_id = ? AND cs.role IN ('target', 'operand') ORDER BY cs.position`
    )
    return new Map(
      rows.map((r) => [
        r.sample_id,
        {
          layout: r.layout,
          template: r.template,
          imageCount: r.image_count,
          guidedQuestion: r.guided_question,
          guidedImages: guided.all(r.sample_id) as Array<{ id: number; sha256: string }>
        }
      ])
    )
  }

  /** Compositions of `sampleIds` as the UI shows them (missing ids are left out). */
  dtos(sampleIds: readonly number[]): Map<number, CompositionDto> {
    const rows = this.#s
      .get(
        `SELECT c.*, s.question, s.ground_truth FROM compositions c JOIN samples s ON s.id = c.sample_id
         WHERE c.sample_id IN (SELECT value FROM json_each(?))`
      )
      .all(JSON.stringify(sampleIds)) as CompositionRow[]
    return new Map(this.#toDtos(rows).map((d) => [d.sampleId, d]))
  }

  /** The newest compositions (optionally of some tiers and layouts) and how many match. */
  list(filter: { tiers?: readonly Tier[]; layouts?: readonly ComposeLayout[] }, limit: number) {
    const where = `(json_array_length(@tiers) = 0 OR c.tier IN (SELECT value FROM json_each(@tiers)))
      AND (json_array_length(@layouts) = 0 OR c.layout IN (SELECT value FROM json_each(@layouts)))`
    const params = {
      tiers: JSON.stringify(filter.tiers ?? []),
      layouts: JSON.stringify(filter.layouts ?? [])
    }
    const total = (
      this.#s.get(`SELECT COUNT(*) AS n FROM compositions c WHERE ${where}`).get(params) as {
        n: number
      }
    ).n
    const rows = this.#s
      .get(
        `SELECT c.*, s.question, s.ground_truth FROM compositions c JOIN samples s ON s.id = c.sample_id
         WHERE ${where} ORDER BY c.sample_id DESC LIMIT @limit`
      )
      .all({ ...params, limit }) as CompositionRow[]
    return { rows: this.#toDtos(rows), total }
  }

  #toDtos(rows: readonly CompositionRow[]): CompositionDto[] {
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.sample_id)
    const sources = this.#s
      .get(
        `SELECT sample_id, position, source_sample_id, role FROM composition_sources
         WHERE sample_id IN (SELECT value FROM json_each(?)) ORDER BY sample_id, position`
      )
      .all(JSON.stringify(ids)) as Array<{
      sample_id: number
      position: number
      source_sample_id: number
      role: SourceRole
    }>
    const own = this.images.originalsOfSamples(ids)
    const sourceImages = this.images.originalsOfSamples([
      ...new Set(sources.map((s) => s.source_sample_id))
    ])
    return rows.map((r) => ({
      sampleId: r.sample_id,
      tier: r.tier,
      layout: r.layout,
      template: r.template,
      seed: r.seed,
      imageCount: r.image_count,
      question: r.question,
      groundTruth: r.ground_truth,
      guidedQuestion: r.guided_question,
      images: own.get(r.sample_id) ?? [],
      sources: sources
        .filter((s) => s.sample_id === r.sample_id)
        .map((s) => ({
          position: s.position,
          sampleId: s.source_sample_id,
          role: s.role,
          image: (sourceImages.get(s.source_sample_id)?.[0] as ImageDto | undefined) ?? null
        })),
      jobId: r.job_id,
      createdAt: r.created_at
    }))
  }
}
