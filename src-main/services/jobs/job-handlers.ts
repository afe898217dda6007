import type { Handlers } from '../../rpc/router'
import type { JobRunner } from './job-runner'

/** RPC face of the job runner: start, read, cancel and list errors. */
export function jobHandlers(
  runner: JobRunner
): Pick<Handlers, 'jobs.start' | 'jobs.list' | 'jobs.get' | 'jobs.cancel' | 'jobs.errors'> {
  return {
    'jobs.start': (request) => ({ jobId: runner.startParsed(request) }),
    'jobs.list': ({ status, kind, limit }) => runner.list({ status, kind, limit }),
    'jobs.get': ({ id }) => runner.get(id),
    'jobs.cancel': ({ id }) => runner.cancel(id),
    'jobs.errors': ({ id, offset, limit }) => runner.errors(id, offset, limit)
  }
}
