import type { AppInfoDto } from '../../src-shared/contract'
import { EventBus } from '../rpc/event-bus'
import { createRouter } from '../rpc/router'
import type { Handlers, Router } from '../rpc/router'
import { openProjectFolder } from '../services/project/project-folder'
import { ProjectSession } from '../services/project/project-session'
import { appHandlers } from '../services/app/app-handlers'
import { composeHandlers } from '../services/compose/compose-handlers'
import { composeJobKind } from '../services/compose/compose-job'
import { datasetImportJobKind } from '../services/datasets/import/import-dataset-job'
import { exportHandlers } from '../services/datasets/export/export-handlers'
import { exportJobKind } from '../services/datasets/export/export-job'
import { inferenceHandlers } from '../services/inference/inference-handlers'
import { InferenceService } from '../services/inference/inference-service'
import { jobHandlers } from '../services/jobs/job-handlers'
import { judgeHandlers } from '../services/judge/judge-handlers'
import { evalPrefsJobKind, judgeJobKind, rankJobKind } from '../services/judge/judge-jobs'
import { JobRunner } from '../services/jobs/job-runner'
import { pairsHandlers } from '../services/pairs/pairs-handlers'
import { generateJobKind } from '../services/generate/generate-job'
import { importJobKind } from '../services/ingest/import-job'
import { ingestHandlers } from '../services/ingest/ingest-handlers'
import { statsHandlers } from '../services/stats/stats-handlers'
import { perturbHandlers } from '../services/perturb/perturb-handlers'
import { perturbJobKind } from '../services/perturb/perturb-job'
import { projectHandlers } from '../services/project/project-handlers'
import { settingsHandlers } from '../services/settings/settings-handlers'
import { SettingsStore } from '../services/settings/settings-store'
import { userConfigDir } from '../platform/paths'

/** The whole core, ready for a transport: one router, one event bus, one project session. */
export type Core = {
  readonly router: Router
  readonly bus: EventBus
  readonly session: ProjectSession
  /** Register job kinds here (`jobs.register(defineJobKind({...}))`) before a project opens. */
  readonly jobs: JobRunner
  /** The local llama-server sidecar and the endpoint pool requests go through. */
  readonly inference: InferenceService
  dispose(): Promise<void>
}

export type CoreOptions = {
  readonly host: AppInfoDto['host']
  /** Opens (creating if missing) this project at start. */
  readonly projectDir?: string
  readonly log?: (line: string) => void
  /** Folder of the app settings file; default the user config folder (XDG_CONFIG_HOME). */
  readonly configDir?: string
}

/** Composition root: wires services by hand (no DI container) and returns the core. */
export function createCore(options: CoreOptions): Core {
  const bus = new EventBus()
  const session = new ProjectSession()
  const settings = new SettingsStore(options.configDir ?? userConfigDir())
  // Remembering a project is a convenience: a read-only config folder must not stop the studio.
  const remember = (dir: string): void => {
    try {
      settings.rememberProject(dir)
    } catch (error) {
      options.log?.(`[settings] cannot record the recent project: ${(error as Error).message}`)
    }
  }
  const disposers: Array<() => void | Promise<void>> = []
  const jobs = new JobRunner({ session, bus, log: options.log })
  disposers.push(() => jobs.dispose())
  jobs.register(importJobKind)
  jobs.register(
    generateJobKind({
      onPairs: (ids) =>
        bus.publish('pairs.changed', ids.length > 1000 ? { reason: 'job' } : { ids, reason: 'job' })
    })
  )
  jobs.register(exportJobKind)
  jobs.register(datasetImportJobKind)
  jobs.register(perturbJobKind)
  jobs.register(composeJobKind)
  const inference = new InferenceService({ onStatus: (s) => bus.publish('sidecar.status', s) })
  const studio = { pool: inference.pool, status: () => inference.status() }
  jobs.register(
    judgeJobKind({
      studio,
      onPairs: (ids) =>
        bus.publish('pairs.changed', ids.length > 1000 ? { reason: 'job' } : { ids, reason: 'job' })
    })
  )
  jobs.register(rankJobKind({ studio }))
  jobs.register(evalPrefsJobKind({ studio }))
  disposers.push(() => inference.dispose())

  const handlers: Handlers = {
    ...appHandlers({ session, host: options.host }),
    ...projectHandlers({ session, bus, onOpened: remember }),
    ...jobHandlers(jobs),
    ...statsHandlers({ session }),
    ...pairsHandlers({ session, bus }),
    ...inferenceHandlers({ inference }),
    ...exportHandlers({ session, jobs }),
    ...judgeHandlers({ session }),
    ...composeHandlers({ session }),
    ...ingestHandlers(),
    ...perturbHandlers({ session }),
    ...settingsHandlers({ settings, session })
  }
  const router = createRouter(handlers, {
    onInternalError: (method, error) =>
      options.log?.(`[rpc] ${method}: ${error instanceof Error ? error.stack : String(error)}`)
  })

  if (options.projectDir) {
    session.set(openProjectFolder(options.projectDir, { create: 'if-missing' }))
    remember(session.require().dir)
  }

  return {
    router,
    bus,
    session,
    jobs,
    inference,
    async dispose() {
      for (const dispose of disposers.reverse()) await dispose()
      session.close()
    }
  }
}
