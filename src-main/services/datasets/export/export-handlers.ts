import type { ExportDto } from '../../../src-shared/contract/exports'
import type { ProjectSession } from '../project/project-session'
import type { Handlers } from '../../rpc/router'
import type { JobRunner } from '../jobs/job-runner'
import { previewExport } from './export-preview'

type ExportRow = {
  id: number
  job_id: string | null
  format: string
  path: string
  records: number
  created_at: string
}

/** exports.* handlers: start an export job, list finished exports, preview rows. */
export function exportHandlers(deps: {
  session: ProjectSession
  jobs: JobRunner
}): Pick<Handlers, 'exports.start' | 'exports.import' | 'exports.list' | 'exports.preview'> {
  const { session, jobs } = deps
  return {
    'exports.start': ({ out, options }) => ({ jobId: jobs.start('export', { out, options }) }),
    'exports.import': (input) => ({ jobId: jobs.start('dataset-import', input) }),
    'exports.list': ({ limit }) => {
      const rows = session
        .require()
        .db.prepare(
          'SELECT id, job_id, format, path, records, created_at FROM exports ORDER BY id DESC LIMIT ?'
        )
        .all(limit) as ExportRow[]
      return rows.map((row): ExportDto => ({
        id: row.id,
        jobId: row.job_id,
        format: row.format,
        path: row.path,
        records: row.records,
        createdAt: row.created_at
      }))
    },
    'exports.preview': ({ options, limit }) => previewExport(session.require(), options, limit)
  }
}
