import type { ExportDto } from '../../src-shared/contract/exports'
import type { Db } from '../db/open-database'

/** One finished export, as the `exports` table records it. */
export type ExportEntry = {
  readonly jobId: string | null
  readonly format: string
  readonly path: string
  /** The pair filter, as JSON. */
  readonly filter: string
  /** The manifest without its file list, as JSON. */
  readonly manifest: string
  readonly records: number
}

export function insertExport(db: Db, entry: ExportEntry): void {
  db.prepare(
    `INSERT INTO exports (job_id, format, path, filter, manifest, records, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  ).run(
    entry.jobId,
    entry.format,
    entry.path,
    entry.filter,
    entry.manifest,
    entry.records,
    new Date().toISOString()
  )
}

/** Finished exports, newest first. */
export function listExports(db: Db, limit: number): ExportDto[] {
  const rows = db
    .prepare(
      'SELECT id, job_id, format, path, records, created_at FROM exports ORDER BY id DESC LIMIT ?'
    )
    .all(limit) as Array<{
    id: number
    job_id: string | null
    format: string
    path: string
    records: number
    created_at: string
  }>
  return rows.map((row) => ({
    id: row.id,
    jobId: row.job_id,
    format: row.format,
    path: row.path,
    records: row.records,
    createdAt: row.created_at
  }))
}
