import type { RunInfoDto } from '../../src-shared/contract/pairs'
import type { Db } from '../db/open-database'
import { StatementCache, nowIso } from './write-tx'

export type NewRun = {
  readonly model: string
  readonly modelSha256?: string | null
  readonly mmproj?: string | null
  readonly endpoint?: string | null
  /** The generated random-weight test VLM (its answers are meaningless). */
  readonly isTestModel?: boolean
  /** Sampling parameters and anything else that identifies how answers were produced. */
  readonly params: Record<string, unknown>
}

type RunRow = {
  id: number
  model: string
  mmproj: string | null
  endpoint: string | null
  is_test_model: 0 | 1
  params: string
  created_at: string
}

export type RunRecord = RunInfoDto & {
  readonly modelSha256: string | null
  readonly createdAt: string
}

/** Rows of `runs`: one per generation run (model identity + sampling parameters). */
export class RunsRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  create(run: NewRun): number {
    const info = this.#s
      .get(
        `INSERT INTO runs (model, model_sha256, mmproj, endpoint, is_test_model, params, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        run.model,
        run.modelSha256 ?? null,
        run.mmproj ?? null,
        run.endpoint ?? null,
        run.isTestModel ? 1 : 0,
        JSON.stringify(run.params),
        nowIso()
      )
    return Number(info.lastInsertRowid)
  }

  get(id: number): RunRecord | null {
    const row = this.#s.get('SELECT * FROM runs WHERE id = ?').get(id) as
      (RunRow & { model_sha256: string | null }) | undefined
    return row
      ? { ...toRunInfo(row), modelSha256: row.model_sha256, createdAt: row.created_at }
      : null
  }

  list(): RunRecord[] {
    const rows = this.#s.get('SELECT * FROM runs ORDER BY id').all() as Array<
      RunRow & { model_sha256: string | null }
    >
    return rows.map((row) => ({
      ...toRunInfo(row),
      modelSha256: row.model_sha256,
      createdAt: row.created_at
    }))
  }

  infoByIds(ids: readonly number[]): Map<number, RunInfoDto> {
    const rows = this.#s
      .get('SELECT * FROM runs WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...new Set(ids)])) as RunRow[]
    return new Map(rows.map((row) => [row.id, toRunInfo(row)]))
  }
}

function toRunInfo(row: RunRow): RunInfoDto {
  return {
    id: row.id,
    model: row.model,
    mmproj: row.mmproj,
    endpoint: row.endpoint,
    isTestModel: row.is_test_model === 1,
    params: JSON.parse(row.params) as Record<string, unknown>
  }
}
