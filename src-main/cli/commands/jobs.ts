import type { Command } from 'commander'
import { Option } from 'commander'

import { JobStatus } from '../../../src-shared/contract/jobs'
import { JobsRepo } from '../../store/jobs-repo'
import type { StoredJob } from '../../store/jobs-repo'
import { openProjectFolder } from '../../services/project/project-folder'
import type { ProjectHandle } from '../../services/project/project-folder'
import { fail, printJson } from '../output'
import { parsePositiveInt } from '../parse'

/** Opens the project read-only, runs `body`, and always closes it. */
function withProject<T>(projectDir: string, body: (project: ProjectHandle) => T): T {
  const project = openProjectFolder(projectDir, { create: 'never', access: 'read' })
  try {
    return body(project)
  } finally {
    project.db.close()
  }
}

function requireJob(store: JobsRepo, id: string): StoredJob {
  const job = store.get(id)
  if (!job) throw new Error(`no job ${id} in this project (delta-studio jobs list shows them)`)
  return job
}

function line(job: StoredJob): string {
  const progress = job.total > 0 ? `${job.done}/${job.total}` : `${job.done}`
  const errors = job.errorCount > 0 ? ` ${job.errorCount} errors` : ''
  const reason = job.error ? ` — ${job.error}` : ''
  return `${job.id}  ${job.status}  ${progress}${errors}  ${job.createdAt}${reason}`
}

const out = (text: string): void => void process.stdout.write(`${text}\n`)

/** `jobs list|show|errors`: a project's jobs and their item errors, read without the studio. */
export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description("A project's jobs and their errors")

  jobs
    .command('list')
    .description('Jobs of a project, newest first')
    .argument('<project>', 'project folder')
    .addOption(
      new Option('--status <status>', 'only jobs in this status').choices(JobStatus.options)
    )
    .option('--kind <kind>', 'only jobs of this kind (import, generate, perturb, export…)')
    .option('--limit <n>', 'at most this many', parsePositiveInt, 50)
    .option('--json', 'print the jobs as one JSON line')
    .action(
      (
        projectDir: string,
        opts: { status?: JobStatus; kind?: string; limit: number; json?: boolean }
      ) => {
        try {
          const list = withProject(projectDir, (project) =>
            new JobsRepo(project.db).list({
              ...(opts.status ? { status: [opts.status] } : {}),
              ...(opts.kind ? { kind: opts.kind } : {}),
              limit: opts.limit
            })
          )
          if (opts.json) printJson(list)
          else if (list.length === 0) out('No jobs.')
          else for (const job of list) out(line(job))
        } catch (error) {
          fail(error)
        }
      }
    )

  jobs
    .command('show')
    .description('One job: status, progress, parameters, result and its first errors')
    .argument('<project>', 'project folder')
    .argument('<id>', 'job id (from jobs list)')
    .option('--json', 'print the job as one JSON line')
    .action((projectDir: string, id: string, opts: { json?: boolean }) => {
      try {
        withProject(projectDir, (project) => {
          const store = new JobsRepo(project.db)
          const job = requireJob(store, id)
          const errors = store.errors(id, 0, 10)
          if (opts.json) return printJson({ ...job, firstErrors: errors.items })
          out(line(job))
          out(`params: ${JSON.stringify(job.params)}`)
          if (job.stats) out(`result: ${JSON.stringify(job.stats)}`)
          if (job.message) out(`message: ${job.message}`)
          for (const item of errors.items) out(`  ${item.item}: ${item.reason}`)
          if (errors.total > errors.items.length) {
            out(`  … ${errors.total - errors.items.length} more (jobs errors ${projectDir} ${id})`)
          }
        })
      } catch (error) {
        fail(error)
      }
    })

  jobs
    .command('errors')
    .description("A job's item errors (what failed, where, and why)")
    .argument('<project>', 'project folder')
    .argument('<id>', 'job id (from jobs list)')
    .option('--offset <n>', 'skip this many', (v: string) => Number.parseInt(v, 10), 0)
    .option('--limit <n>', 'at most this many', parsePositiveInt, 1000)
    .option('--json', 'print {total, items} as one JSON line')
    .action(
      (projectDir: string, id: string, opts: { offset: number; limit: number; json?: boolean }) => {
        try {
          withProject(projectDir, (project) => {
            const store = new JobsRepo(project.db)
            requireJob(store, id)
            const errors = store.errors(id, Math.max(0, opts.offset || 0), opts.limit)
            if (opts.json) return printJson(errors)
            for (const item of errors.items) out(`${item.item}: ${item.reason}`)
            if (errors.total === 0) out('No errors.')
          })
        } catch (error) {
          fail(error)
        }
      }
    )
}
