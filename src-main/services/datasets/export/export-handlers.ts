import { listExports } from '../../../store/exports-repo'
import type { Handlers } from '../../../rpc/router'
import type { JobRunner } from '../../jobs/job-runner'
import type { ProjectSession } from '../../project/project-session'
import { previewDataset } from '../import/preview-dataset'
import { previewExport } from './export-preview'

/**
 * exports.* handlers: start an export or a dataset import job, preview a dataset before importing
 * it, list finished exports, preview export rows.
 */
export function exportHandlers(deps: {
  session: ProjectSession
  jobs: JobRunner
}): Pick<
  Handlers,
  'exports.start' | 'exports.import' | 'exports.importPreview' | 'exports.list' | 'exports.preview'
> {
  const { session, jobs } = deps
  return {
    'exports.start': (params) => ({ jobId: jobs.startParsed({ kind: 'export', params }) }),
    'exports.import': (params) => ({ jobId: jobs.startParsed({ kind: 'dataset-import', params }) }),
    'exports.importPreview': ({ source, format, limit }) => previewDataset(source, format, limit),
    'exports.list': ({ limit }) => listExports(session.require().db, limit),
    'exports.preview': ({ options, limit }) => previewExport(session.require(), options, limit)
  }
}
