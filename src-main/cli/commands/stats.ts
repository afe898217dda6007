import type { Command } from 'commander'

import { openProjectFolder } from '../../services/project/project-folder'
import { projectStats } from '../../store/project-stats'
import { fail, printJson } from '../output'

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('Dataset statistics: counts, flip rates by recipe, length deltas, accuracy')
    .argument('<project>', 'project folder')
    .option('--json', 'one JSON line (the default output is indented JSON)')
    .action((projectDir: string, opts: { json?: boolean }) => {
      try {
        const project = openProjectFolder(projectDir, { create: 'never' })
        try {
          const stats = projectStats(project.db)
          if (opts.json) printJson(stats)
          else process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`)
        } finally {
          project.db.close()
        }
      } catch (error) {
        fail(error)
      }
    })
}
