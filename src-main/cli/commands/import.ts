import type { Command } from 'commander'
import { Option } from 'commander'

import { importJobKind } from '../../services/ingest/import-job'
import { IMPORT_FORMATS } from '../../../src-shared/contract/ingest'
import { runCliJob } from '../cli-jobs'
import { printFirstErrors } from '../job-report'
import { fail, info, printJson } from '../output'

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import images and questions: a folder, a VQA-style JSONL, or a CSV')
    .argument('<project>', 'project folder')
    .argument('<source>', 'folder (optional questions.jsonl/.csv), .jsonl or .csv file')
    .addOption(
      new Option('--format <format>', 'source format').choices(IMPORT_FORMATS).default('auto')
    )
    .option('--question <text>', 'question for folder images that no questions file names')
    .option('--json', 'print the result as one JSON line')
    .action(
      async (
        projectDir: string,
        source: string,
        opts: { format: string; question?: string; json?: boolean }
      ) => {
        try {
          const job = await runCliJob(
            projectDir,
            importJobKind,
            {
              source,
              format: opts.format,
              ...(opts.question ? { defaultQuestion: opts.question } : {})
            },
            { quiet: opts.json }
          )
          if (job.status !== 'completed')
            throw new Error(`import ${job.status}: ${job.error ?? ''}`)
          if (opts.json) printJson({ job: job.id, status: job.status, ...job.stats })
          else {
            info(`Imported: ${JSON.stringify(job.stats)}`)
            printFirstErrors(projectDir, job, 'rows')
          }
        } catch (error) {
          fail(error)
        }
      }
    )
}
