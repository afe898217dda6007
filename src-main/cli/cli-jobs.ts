import type { JobDto } from '../../src-shared/contract/jobs'
import { openProjectFolder } from '../services/project/project-folder'
import { ProjectSession } from '../services/project/project-session'
import { EventBus } from '../rpc/event-bus'
import type { JobKindDef } from '../services/jobs/job-kind'
import { JobRunner } from '../services/jobs/job-runner'
import { debugEnabled, info } from './output'
import { FINISHED_JOB_STATUSES } from '../../src-shared/contract/jobs'

/**
 * Follows a job another live process runs, printing its progress from the project database,
 * until it finishes (its final state) or its owner goes away ('owner-gone': this process may
 * then take it over). SIGINT stops following, never the other process's job.
 */
async function followElsewhere(
  runner: JobRunner,
  id: string,
  options: { quiet?: boolean }
): Promise<JobDto | 'owner-gone'> {
  const owner = runner.liveOwner(id)
  info(
    `job ${id} is running in process ${owner?.pid ?? '?'}${owner ? ` on ${owner.host}` : ''}: ` +
      'following its progress (Ctrl-C stops following, not the job)'
  )
  let stopped = false
  const stop = (): void => void (stopped = true)
  process.once('SIGINT', stop)
  try {
    let last = ''
    for (;;) {
      const job = runner.get(id)
      if (FINISHED_JOB_STATUSES.includes(job.status)) return job
      if (!runner.liveOwner(id)) return 'owner-gone'
      if (stopped)
        return { ...job, error: `stopped following job ${id}; it goes on in its process` }
      const line = `${job.kind} (process ${owner?.pid}): ${job.done}/${job.total}`
      if (!options.quiet && line !== last) info(line)
      last = line
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  } finally {
    process.off('SIGINT', stop)
  }
}

/**
 * Runs one job of `kind` in a CLI process against an existing project and resolves with its
 * final state. An unfinished job of the same kind and params (left by a killed process) is
 * resumed instead of starting over. Progress goes to stderr about once per second; SIGINT or
 * SIGTERM stop the job as `interrupted`, so running the same command again resumes it.
 */
export async function runCliJob<P>(
  projectDir: string,
  def: JobKindDef<P>,
  params: unknown,
  options: { quiet?: boolean } = {}
): Promise<JobDto> {
  const session = new ProjectSession()
  const bus = new EventBus()
  const runner = new JobRunner({
    session,
    bus,
    progressIntervalMs: 1000,
    resumeOnOpen: false,
    log: info,
    debug: debugEnabled()
  })
  runner.register(def)
  session.set(openProjectFolder(projectDir, { create: 'never' }))
  // Only this command's job resumes here; other unfinished jobs wait for the studio. The same
  // job running in another live process is followed, not run a second time.
  const existing = runner.findUnfinished(def.kind, params)
  if (existing && runner.liveOwner(existing.id)) {
    const outcome = await followElsewhere(runner, existing.id, options)
    if (outcome !== 'owner-gone') {
      await runner.dispose()
      session.close()
      return outcome
    }
  }
  const id = existing && runner.resume(existing.id) ? existing.id : runner.start(def.kind, params)
  if (existing?.id === id && !options.quiet) info(`Resuming ${id} from ${existing.done} done`)
  const unsubscribe = bus.onDidPublish((event) => {
    if (options.quiet || event.topic !== 'job.progress') return
    const job = event.payload as JobDto
    if (job.id !== id || job.status !== 'running') return
    const rate = job.itemsPerSecond ? ` ${job.itemsPerSecond.toFixed(2)} ${job.unit}/s` : ''
    const tokens = job.tokensPerSecond ? ` ${job.tokensPerSecond.toFixed(0)} tok/s` : ''
    const eta = job.etaSeconds !== null ? ` ETA ${Math.ceil(job.etaSeconds)}s` : ''
    info(
      `${job.kind}: ${job.done}/${job.total}${rate}${tokens}${eta}${job.message ? ` ${job.message}` : ''}`
    )
  })
  const stop = (): void => void runner.dispose()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    return await runner.whenFinished(id)
  } finally {
    unsubscribe()
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await runner.dispose()
    session.close()
  }
}
