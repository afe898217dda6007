import type { Db } from '../db/open-database'
import { StatementCache, nowIso, writeTx } from './write-tx'

export type NewResponse = {
  readonly runId: number
  readonly sampleId: number
  /** `hq` for the original images, else the recipe key of the LQ variant. */
  readonly variantKey: string
  readonly text: string
  readonly promptTokens?: number | null
  readonly completionTokens?: number | null
  readonly finishReason?: string | null
  readonly latencyMs?: number | null
}

export type ResponseRecord = {
  readonly id: number
  readonly runId: number
  readonly sampleId: number
  readonly variantKey: string
  readonly text: string
  readonly promptTokens: number | null
  readonly completionTokens: number | null
  readonly finishReason: string | null
  readonly latencyMs: number | null
  readonly createdAt: string
}

type ResponseRow = {
  id: number
  run_id: number
  sample_id: number
  variant_key: string
  text: string
  prompt_tokens: number | null
  completion_tokens: number | null
  finish_reason: string | null
  latency_ms: number | null
  created_at: string
}

/**
 * Rows of `responses`, unique per run × sample × variant: inserting a response that exists is
 * a no-op that returns the stored one, so a resumed job never duplicates work.
 */
export class ResponsesRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  /** INSERT … ON CONFLICT DO NOTHING; `inserted: false` means the stored row was kept as is. */
  insert(response: NewResponse): { id: number; inserted: boolean } {
    const info = this.#s
      .get(
        `INSERT INTO responses (run_id, sample_id, variant_key, text, prompt_tokens,
           completion_tokens, finish_reason, latency_ms, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, sample_id, variant_key) DO NOTHING`
      )
      .run(
        response.runId,
        response.sampleId,
        response.variantKey,
        response.text,
        response.promptTokens ?? null,
        response.completionTokens ?? null,
        response.finishReason ?? null,
        response.latencyMs ?? null,
        nowIso()
      )
    if (info.changes === 1) return { id: Number(info.lastInsertRowid), inserted: true }
    return {
      id: this.find(response.runId, response.sampleId, response.variantKey)!.id,
      inserted: false
    }
  }

  /** Inserts many in one write transaction; returns ids in input order. */
  insertMany(responses: readonly NewResponse[]): Array<{ id: number; inserted: boolean }> {
    return writeTx(this.db, () => responses.map((r) => this.insert(r)))
  }

  find(runId: number, sampleId: number, variantKey: string): ResponseRecord | null {
    const row = this.#s
      .get('SELECT * FROM responses WHERE run_id = ? AND sample_id = ? AND variant_key = ?')
      .get(runId, sampleId, variantKey) as ResponseRow | undefined
    return row ? toRecord(row) : null
  }

  get(id: number): ResponseRecord | null {
    const row = this.#s.get('SELECT * FROM responses WHERE id = ?').get(id) as
      ResponseRow | undefined
    return row ? toRecord(row) : null
  }

  /** Every response of a sample (optionally of one run), by id. */
  ofSample(sampleId: number, runId?: number): ResponseRecord[] {
    const rows = (
      runId === undefined
        ? this.#s.get('SELECT * FROM responses WHERE sample_id = ? ORDER BY id').all(sampleId)
        : this.#s
            .get('SELECT * FROM responses WHERE sample_id = ? AND run_id = ? ORDER BY id')
            .all(sampleId, runId)
    ) as ResponseRow[]
    return rows.map(toRecord)
  }

  /** Variant keys already answered for a sample in a run (what a resumed job skips). */
  doneVariants(runId: number, sampleId: number): Set<string> {
    const rows = this.#s
      .get('SELECT variant_key FROM responses WHERE run_id = ? AND sample_id = ?')
      .all(runId, sampleId) as Array<{ variant_key: string }>
    return new Set(rows.map((r) => r.variant_key))
  }

  /** Output tokens a run's responses hold, summed. */
  completionTokensOfRun(runId: number): number {
    const row = this.#s
      .get('SELECT COALESCE(SUM(completion_tokens), 0) AS tokens FROM responses WHERE run_id = ?')
      .get(runId) as { tokens: number }
    return row.tokens
  }

  countForRun(runId: number): number {
    return (
      this.#s.get('SELECT COUNT(*) AS n FROM responses WHERE run_id = ?').get(runId) as {
        n: number
      }
    ).n
  }
}

function toRecord(row: ResponseRow): ResponseRecord {
  return {
    id: row.id,
    runId: row.run_id,
    sampleId: row.sample_id,
    variantKey: row.variant_key,
    text: row.text,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    finishReason: row.finish_reason,
    latencyMs: row.latency_ms,
    createdAt: row.created_at
  }
}
