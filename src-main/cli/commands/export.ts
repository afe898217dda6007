import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'

import { EXPORT_FORMATS } from '../../../src-shared/contract/exports'
import { datasetImportJobKind } from '../../services/datasets/import/import-dataset-job'
import { exportJobKind } from '../../services/datasets/export/export-job'
import { runCliJob } from '../cli-jobs'
import { fail, info, printJson } from '../output'
import { parsePositiveInt } from '../parse'

function parseShare(value: string): number {
  const n = Number(value)
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError(`"${value}" is not a share in (0, 1]`)
  return n
}

function parseSeed(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new InvalidArgumentError(`"${value}" is not a seed (0–4294967295)`)
  }
  return n
}

type ExportCliOptions = {
  format: (typeof EXPORT_FORMATS)[number]
  out: string
  status: 'accepted' | 'all'
  split: number
  seed: number
  order: 'mixed' | 'curriculum'
  dedupe: boolean
  maxSide?: number
  promptImage: 'hq' | 'lq'
  name?: string
  json?: boolean
}

/** `delta-studio export` and `delta-studio import-dataset`: datasets out of and into a project. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'Export curated pairs as a training dataset (atomic: the folder appears when done)'
    )
    .argument('<project>', 'project folder')
    .addOption(
      new Option('--format <format>', 'dataset format')
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory()
    )
    .requiredOption('--out <dir>', 'new (or empty) output folder')
    .addOption(
      new Option('--status <status>', 'pairs to take')
        .choices(['accepted', 'all'])
        .default('accepted')
    )
    .option('--split <share>', 'train share by source image; the rest is validation', parseShare, 1)
    .option('--seed <n>', 'seed of the split and the mixed order', parseSeed, 42)
    .addOption(
      new Option('--order <order>', 'record order')
        .choices(['mixed', 'curriculum'])
        .default('mixed')
    )
    .option(
      '--no-dedupe',
      'keep exact duplicates (pairs whose answers are the same text never go out)'
    )
    .option(
      '--max-side <px>',
      're-encode images to fit this side (default: copy as stored)',
      parsePositiveInt
    )
    .addOption(
      new Option('--prompt-image <which>', 'prompt image of visual-delta pairs')
        .choices(['hq', 'lq'])
        .default('hq')
    )
    .option('--name <name>', 'dataset name used in file names and dataset_info.json')
    .option('--json', 'print {"records","path","formats"} as the last stdout line')
    .action(async (projectDir: string, opts: ExportCliOptions) => {
      try {
        const job = await runCliJob(
          projectDir,
          exportJobKind,
          {
            out: opts.out,
            options: {
              format: opts.format,
              status: opts.status,
              split: opts.split,
              seed: opts.seed,
              order: opts.order,
              dedupe: opts.dedupe,
              images: opts.maxSide ? { mode: 'reencode', maxSide: opts.maxSide } : { mode: 'copy' },
              promptImage: opts.promptImage,
              ...(opts.name ? { name: opts.name } : {})
            }
          },
          { quiet: Boolean(opts.json) }
        )
        if (job.status !== 'completed')
          throw new Error(`export ${job.status}: ${job.error ?? 'no detail'}`)
        const stats = (job.stats ?? {}) as { records?: number; path?: string; skipped?: number }
        if (opts.json) {
          printJson({
            records: stats.records ?? 0,
            path: stats.path ?? opts.out,
            formats: [opts.format]
          })
        } else {
          info(
            `Exported ${stats.records ?? 0} records to ${stats.path ?? opts.out} (${opts.format}); ${stats.skipped ?? 0} pairs skipped, see manifest.json`
          )
        }
      } catch (error) {
        fail(error)
      }
    })

  program
    .command('import-dataset')
    .description('Import a preference dataset (trl, trl-parquet, llamafactory, rlaif-v) as pairs')
    .argument('<project>', 'project folder')
    .argument('<source>', 'dataset folder or data file')
    .addOption(
      new Option('--format <format>', 'force a format instead of detecting it').choices(
        EXPORT_FORMATS
      )
    )
    .addOption(
      new Option('--status <status>', 'status of imported pairs')
        .choices(['pending', 'accepted'])
        .default('pending')
    )
    .option('--json', 'print the result as one JSON line')
    .action(
      async (
        projectDir: string,
        source: string,
        opts: { format?: string; status: string; json?: boolean }
      ) => {
        try {
          const job = await runCliJob(
            projectDir,
            datasetImportJobKind,
            {
              source,
              status: opts.status,
              ...(opts.format ? { format: opts.format } : {})
            },
            { quiet: Boolean(opts.json) }
          )
          if (job.status !== 'completed')
            throw new Error(`import ${job.status}: ${job.error ?? 'no detail'}`)
          if (opts.json) printJson(job.stats ?? {})
          else info(`Imported: ${JSON.stringify(job.stats)}`)
        } catch (error) {
          fail(error)
        }
      }
    )
}
