import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
import { modelTargetParams } from '../model-target'
import type { ModelTargetOptions } from '../model-target'

import { PAIR_MODES } from '../../../src-shared/domain/visual-delta-rules'
import { generateJobKind } from '../../services/generate/generate-job'
import { runCliJob } from '../cli-jobs'
import { fail, info, printJson } from '../output'
import { collect, parsePositiveInt } from '../parse'

type GenerateOptions = ModelTargetOptions & {
  recipe: string[]
  mode: string
  maxTokens: number
  parallel: number
  limit?: number
  maxImages?: number
  minRejectedPerplexity?: number
  maxLengthRatio?: number
  minEditDistance?: number
  json?: boolean
}

function parsePositive(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a number ≥ 0`)
  return n
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description(
      'Ask each question on HQ and degraded images and build visual-delta pairs (a resumable job)'
    )
    .argument('<project>', 'project folder')
    .option('--model <gguf>', 'text model GGUF served by a local sidecar')
    .option('--mmproj <gguf>', 'its projector GGUF')
    .option('--test-model', 'use the generated tiny test VLM (random weights, meaningless answers)')
    .option('--endpoint <url>', 'OpenAI-compatible endpoint; repeat for several', collect, [])
    .option('--api-key <key>', 'API key for the endpoints')
    .option(
      '--recipe <spec>',
      'degradation recipe, e.g. downsample:4 or jpeg:20; repeatable',
      collect,
      []
    )
    .addOption(new Option('--mode <mode>', 'pair rule').choices(PAIR_MODES).default('label-free'))
    .option('--max-tokens <n>', 'tokens per answer at most', parsePositiveInt, 64)
    .option('--parallel <n>', 'sidecar slots (-np) and requests in flight', parsePositiveInt, 2)
    .option('--limit <n>', 'at most this many samples', parsePositiveInt)
    .option(
      '--max-images <n>',
      'images the model takes per request; composed samples with more are skipped',
      parsePositiveInt
    )
    .option(
      '--min-rejected-perplexity <x>',
      'composed pairs: keep only rejected answers with at least this perplexity (MIA-DPO: 1.1)',
      parsePositive
    )
    .option(
      '--max-length-ratio <x>',
      'composed pairs: drop when one answer is more than x times longer',
      parsePositive
    )
    .option(
      '--min-edit-distance <x>',
      'composed pairs: drop when the normalized edit distance is below x (0..1)',
      parsePositive
    )
    .option(
      '--json',
      'last stdout line: {"job","status","responses","pairs","prompt_pairs","filtered","errors"}'
    )
    .action(async (projectDir: string, opts: GenerateOptions) => {
      try {
        const params = {
          ...modelTargetParams(opts),
          ...(opts.recipe.length ? { recipes: opts.recipe } : {}),
          mode: opts.mode,
          maxTokens: opts.maxTokens,
          parallel: opts.parallel,
          ...(opts.limit ? { limit: opts.limit } : {}),
          ...(opts.maxImages ? { maxImages: opts.maxImages } : {}),
          postFilters: {
            ...(opts.minRejectedPerplexity !== undefined
              ? { minRejectedPerplexity: opts.minRejectedPerplexity }
              : {}),
            ...(opts.maxLengthRatio !== undefined ? { maxLengthRatio: opts.maxLengthRatio } : {}),
            ...(opts.minEditDistance !== undefined ? { minEditDistance: opts.minEditDistance } : {})
          }
        }
        if (opts.testModel)
          info('Using the tiny test VLM: random weights, the answers are meaningless.')
        const job = await runCliJob(projectDir, generateJobKind(), params)
        const stats = job.stats ?? {}
        const summary = {
          job: job.id,
          status: job.status,
          responses: stats.responses ?? 0,
          pairs: stats.pairs ?? 0,
          prompt_pairs: stats.promptPairs ?? 0,
          filtered: stats.filtered ?? {},
          errors: job.errorCount,
          ...(job.error ? { error: job.error } : {}),
          ...(stats.isTestModel ? { test_model: true } : {})
        }
        if (opts.json) printJson(summary)
        else
          info(
            `generate ${job.status}: ${summary.responses} responses, ${summary.pairs} pairs, ${summary.errors} errors`
          )
        if (job.status !== 'completed') process.exitCode = job.status === 'interrupted' ? 130 : 1
      } catch (error) {
        fail(error)
      }
    })
}
