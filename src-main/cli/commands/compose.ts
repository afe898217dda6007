import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'

import { COMPOSE_LAYOUTS } from '../../../src-shared/contract/compose'
import type { ComposeLayout } from '../../../src-shared/contract/compose'
import { composeJobKind } from '../../services/compose/compose-job'
import { runCliJob } from '../cli-jobs'
import { fail, info, printJson } from '../output'
import { parsePositiveInt } from '../parse'

type ComposeOptions = {
  tiers: number[]
  imagesPerSample?: [number, number]
  layouts?: ComposeLayout[]
  count?: number
  seed?: number
  json?: boolean
}

function parseTiers(value: string): number[] {
  const tiers = value.split(',').map((t) => Number(t.trim()))
  if (tiers.some((t) => t !== 1 && t !== 2 && t !== 3)) {
    throw new InvalidArgumentError(`"${value}" is not a list of tiers 1, 2, 3 (e.g. 1,2,3)`)
  }
  return tiers
}

function parseLayouts(value: string): ComposeLayout[] {
  const layouts = value.split(',').map((l) => l.trim())
  const unknown = layouts.filter((l) => !(COMPOSE_LAYOUTS as readonly string[]).includes(l))
  if (unknown.length) {
    throw new InvalidArgumentError(
      `unknown layout ${unknown.join(', ')} (${COMPOSE_LAYOUTS.join(', ')})`
    )
  }
  return layouts as ComposeLayout[]
}

function parseRange(value: string): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value.trim())
  if (!match) throw new InvalidArgumentError(`"${value}" is not a count or a range like 2-5`)
  const min = Number(match[1])
  return [min, match[2] ? Number(match[2]) : min]
}

function parseSeed(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new InvalidArgumentError(`"${value}" is not a seed (0 to 4294967295)`)
  }
  return n
}

export function registerCompose(program: Command): void {
  program
    .command('compose')
    .description(
      'Compose multi-image samples from single-image ones (S2H tiers: 1 locate, 2 compare, 3 search; MIA-DPO layouts)'
    )
    .argument('<project>', 'project folder')
    .option('--tiers <list>', 'tiers to compose, e.g. 1,2,3', parseTiers, [1, 2, 3])
    .option(
      '--images-per-sample <range>',
      'images per composed sample, e.g. 2-5 (grid: up to 9)',
      parseRange
    )
    .option('--layouts <list>', `layouts, of ${COMPOSE_LAYOUTS.join(',')}`, parseLayouts)
    .option('--count <n>', 'composed samples per tier', parsePositiveInt)
    .option('--seed <n>', 'seed of every choice (same seed, same samples and images)', parseSeed)
    .option(
      '--json',
      'last stdout line: {"job","status","composed","existing","skipped","by_tier","by_layout","errors"}'
    )
    .action(async (projectDir: string, opts: ComposeOptions) => {
      try {
        const params = {
          tiers: opts.tiers,
          ...(opts.layouts ? { layouts: opts.layouts } : {}),
          ...(opts.imagesPerSample
            ? { minImages: opts.imagesPerSample[0], maxImages: opts.imagesPerSample[1] }
            : {}),
          ...(opts.count ? { count: opts.count } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {})
        }
        const job = await runCliJob(projectDir, composeJobKind, params)
        const stats = job.stats ?? {}
        const summary = {
          job: job.id,
          status: job.status,
          composed: stats.composed ?? 0,
          existing: stats.existing ?? 0,
          skipped: stats.skipped ?? 0,
          by_tier: stats.by_tier ?? {},
          by_layout: stats.by_layout ?? {},
          errors: job.errorCount,
          ...(job.error ? { error: job.error } : {})
        }
        if (opts.json) printJson(summary)
        else {
          info(
            `compose ${job.status}: ${summary.composed} composed, ${summary.existing} existing, ${summary.skipped} skipped`
          )
          if (job.error) info(job.error)
        }
        if (job.status !== 'completed') process.exitCode = job.status === 'interrupted' ? 130 : 1
      } catch (error) {
        fail(error)
      }
    })
}
