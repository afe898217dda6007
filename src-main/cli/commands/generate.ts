import type { Command } from 'commander'
import { Option } from 'commander'

import { PAIR_MODES } from '../../../src-shared/domain/visual-delta-rules'
import { generateJobKind } from '../../services/generate/generate-job'
import { runCliJob } from '../cli-jobs'
import { fail, info, printJson } from '../output'
import { collect, parsePositiveInt } from '../parse'

type GenerateOptions = {
  model?: string
  mmproj?: string
  testModel?: boolean
  endpoint: string[]
  apiKey?: string
  recipe: string[]
  mode: string
  maxTokens: number
  parallel: number
  limit?: number
  json?: boolean
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
    .option('--json', 'last stdout line: {"job","status","responses","pairs","errors"}')
    .action(async (projectDir: string, opts: GenerateOptions) => {
      try {
        const params = {
          ...(opts.testModel
            ? { testModel: true }
            : opts.model
              ? { model: opts.model, mmproj: opts.mmproj }
              : {}),
          endpoints: opts.endpoint.map((url) => ({
            url,
            ...(opts.apiKey ? { apiKey: opts.apiKey } : {})
          })),
          ...(opts.recipe.length ? { recipes: opts.recipe } : {}),
          mode: opts.mode,
          maxTokens: opts.maxTokens,
          parallel: opts.parallel,
          ...(opts.limit ? { limit: opts.limit } : {})
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
