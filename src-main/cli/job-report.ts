import type { JobDto } from '../../src-shared/contract/jobs'
import { JobsRepo } from '../store/jobs-repo'
import { openProjectFolder } from '../services/project/project-folder'
import { info } from './output'

/** Errors a command's human output shows before pointing to `jobs errors` for the rest. */
export const ERRORS_SHOWN = 10

/**
 * Prints the first item errors of a finished job (where, and why) to stderr, and how to list
 * them all; reads the project read-only, after the job's own connection is closed.
 */
export function printFirstErrors(projectDir: string, job: JobDto, noun: string): void {
  if (job.errorCount === 0) return
  const project = openProjectFolder(projectDir, { create: 'never', access: 'read' })
  try {
    const { total, items } = new JobsRepo(project.db).errors(job.id, 0, ERRORS_SHOWN)
    info(`${total} ${noun} failed:`)
    for (const item of items) info(`  ${item.item}: ${item.reason}`)
    if (total > items.length) {
      info(`  … and ${total - items.length} more: delta-studio jobs errors ${projectDir} ${job.id}`)
    }
  } finally {
    project.db.close()
  }
}
