import type { EvalReportDto, EvalReportSummaryDto } from '../../src-shared/contract/judge'
import type { Db } from '../db/open-database'
import { StatementCache, nowIso } from './write-tx'

type Row = {
  id: number
  format: EvalReportSummaryDto['format']
  test_file: string
  model: string
  is_test_model: 0 | 1
  accuracy: number | null
  created_at: string
}

/** Rows of `eval_reports`: one report per evaluation on a published preference test set. */
export class EvalReportsRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  create(jobId: string | null, report: EvalReportDto): number {
    return Number(
      this.#s
        .get(
          `INSERT INTO eval_reports (job_id, format, test_file, model, is_test_model, accuracy,
             report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          jobId,
          report.format,
          report.test_file,
          report.model,
          report.is_test_model ? 1 : 0,
          report.accuracy,
          JSON.stringify(report),
          nowIso()
        ).lastInsertRowid
    )
  }

  list(limit: number): EvalReportSummaryDto[] {
    return (
      this.#s
        .get(
          `SELECT id, format, test_file, model, is_test_model, accuracy, created_at
           FROM eval_reports ORDER BY created_at DESC, id DESC LIMIT ?`
        )
        .all(limit) as Row[]
    ).map((r) => ({
      id: r.id,
      format: r.format,
      testFile: r.test_file,
      model: r.model,
      isTestModel: r.is_test_model === 1,
      accuracy: r.accuracy,
      createdAt: r.created_at
    }))
  }

  get(id: number): { id: number; createdAt: string; report: EvalReportDto } | null {
    const row = this.#s
      .get('SELECT id, report, created_at FROM eval_reports WHERE id = ?')
      .get(id) as { id: number; report: string; created_at: string } | undefined
    return row
      ? { id: row.id, createdAt: row.created_at, report: JSON.parse(row.report) as EvalReportDto }
      : null
  }
}
