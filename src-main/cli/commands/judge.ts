import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { modelTargetParams } from '../model-target'
import type { ModelTargetOptions } from '../model-target'

import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'

import { EVAL_FORMATS, EvalPrefsParams } from '../../../src-shared/contract/judge'
import type { EvalReportDto } from '../../../src-shared/contract/judge'
import { PairFilter } from '../../../src-shared/domain/pair-filter'
import { pairFilterFromSearchParams } from '../../../src-shared/domain/pair-filter-url'
import { runEvaluation } from '../../services/judge/eval/run-eval'
import { evalPrefsJobKind, judgeJobKind, rankJobKind } from '../../services/judge/judge-jobs'
import { judgeModelName, openJudgeTarget } from '../../services/judge/judge-target'
import { loadJudgeTemplate } from '../../services/judge/prompt-template'
import { runCliJob } from '../cli-jobs'
import { fail, info, printJson } from '../output'
import { collect, parsePositiveInt } from '../parse'

type TargetOptions = ModelTargetOptions & {
  parallel: number
  topLogprobs: number
  json?: boolean
}

function targetOptions(command: Command): Command {
  return command
    .option('--model <gguf>', 'text model GGUF served by a local sidecar')
    .option('--mmproj <gguf>', 'its projector GGUF')
    .option(
      '--test-model',
      'use the generated tiny test VLM (random weights, meaningless verdicts)'
    )
    .option('--endpoint <url>', 'OpenAI-compatible endpoint; repeat for several', collect, [])
    .option('--api-key <key>', 'API key for the endpoints')
    .option('--parallel <n>', 'sidecar slots (-np) and requests in flight', parsePositiveInt, 2)
    .option(
      '--top-logprobs <n>',
      'alternatives read for the verdict token (A and B must be among them)',
      parsePositiveInt,
      20
    )
}

function targetParams(opts: TargetOptions): Record<string, unknown> {
  if (opts.testModel) info('Using the tiny test VLM: random weights, the verdicts are meaningless.')
  return {
    ...modelTargetParams(opts),
    parallel: opts.parallel,
    topLogprobs: opts.topLogprobs
  }
}

/** `--pairs` takes the studio's URL filter form (`status=pending&tier=2`) or a JSON object. */
export function parsePairsFilter(value: string): PairFilter {
  if (value.trim().startsWith('{')) {
    const parsed = PairFilter.safeParse(JSON.parse(value))
    if (!parsed.success)
      throw new InvalidArgumentError(`bad filter: ${parsed.error.issues[0]?.message}`)
    return parsed.data
  }
  return pairFilterFromSearchParams(new URLSearchParams(value)).filter
}

export function registerJudge(program: Command): void {
  targetOptions(
    program
      .command('judge')
      .description(
        'Audit pairs with a VLM judge: a soft score from both presentation orders (a resumable job)'
      )
      .argument('<project>', 'project folder')
      .option(
        '--pairs <filter>',
        'which pairs: URL filter form (status=pending&tier=2) or JSON',
        parsePairsFilter
      )
      .option('--rejudge', 'judge again pairs this model already judged')
  )
    .option(
      '--json',
      'last stdout line: {"job","status","judged","no_verdict","reversed","errors"}'
    )
    .action(
      async (
        projectDir: string,
        opts: TargetOptions & { pairs?: PairFilter; rejudge?: boolean }
      ) => {
        try {
          const params = {
            ...targetParams(opts),
            filter: opts.pairs ?? {},
            rejudge: Boolean(opts.rejudge)
          }
          const job = await runCliJob(projectDir, judgeJobKind(), params)
          const stats = job.stats ?? {}
          const summary = {
            job: job.id,
            status: job.status,
            judged: stats.judged ?? 0,
            no_verdict: stats.noVerdict ?? 0,
            reversed: stats.reversed ?? 0,
            model: stats.model ?? null,
            errors: job.errorCount,
            ...(job.error ? { error: job.error } : {}),
            ...(stats.isTestModel ? { test_model: true } : {})
          }
          if (opts.json) printJson(summary)
          else
            info(
              `judge ${job.status}: ${summary.judged} pairs judged, ${summary.reversed} reversed, ${summary.no_verdict} without verdict, ${summary.errors} errors`
            )
          if (job.status !== 'completed') process.exitCode = job.status === 'interrupted' ? 130 : 1
        } catch (error) {
          fail(error)
        }
      }
    )

  targetOptions(
    program
      .command('rank')
      .description(
        'Rank the images of each prompt (pairwise soft verdicts, Bradley–Terry) and keep preference pairs'
      )
      .argument('<project>', 'project folder')
      .requiredOption('--prompt-set <file>', 'JSON list or JSONL of {"prompt", "images": [paths]}')
      .addOption(
        new Option('--pairs <mode>', 'pairs kept per prompt')
          .choices(['best-worst', 'margin'])
          .default('best-worst')
      )
      .option(
        '--margin <x>',
        'with --pairs margin: keep pairs whose score margin exceeds this',
        Number,
        1
      )
  )
    .option('--json', 'last stdout line: {"job","status","rankings","image_pairs","errors"}')
    .action(
      async (
        projectDir: string,
        opts: TargetOptions & { promptSet: string; pairs: string; margin: number }
      ) => {
        try {
          const params = {
            ...targetParams(opts),
            promptSet: resolve(opts.promptSet),
            pairs: opts.pairs,
            margin: opts.margin
          }
          const job = await runCliJob(projectDir, rankJobKind(), params)
          const stats = job.stats ?? {}
          const summary = {
            job: job.id,
            status: job.status,
            rankings: stats.rankings ?? 0,
            image_pairs: stats.imagePairs ?? 0,
            model: stats.model ?? null,
            errors: job.errorCount,
            ...(job.error ? { error: job.error } : {})
          }
          if (opts.json) printJson(summary)
          else
            info(
              `rank ${job.status}: ${summary.rankings} prompts ranked, ${summary.image_pairs} image pairs, ${summary.errors} errors`
            )
          if (job.status !== 'completed') process.exitCode = job.status === 'interrupted' ? 130 : 1
        } catch (error) {
          fail(error)
        }
      }
    )

  targetOptions(
    program
      .command('eval-prefs')
      .description(
        'Accuracy of the judge on an ImageReward or HPD v2 test set, with baselines and a bootstrap interval'
      )
      .argument('<test-json>', 'the test set file (test.json)')
      .addOption(
        new Option('--format <format>', 'test set format')
          .choices(EVAL_FORMATS)
          .makeOptionMandatory()
      )
      .requiredOption('--images <dir>', 'folder the test set image paths are relative to')
      .option('--scores-out <file>', 'write one JSON line per image: {"group","image","score"}')
      .option('--limit <n>', 'first n groups only', parsePositiveInt)
      .option('--project <dir>', 'also keep the report in this project (shown in the studio)')
  )
    .option('--json', 'last stdout line: the report {"accuracy","interval","pairs","baselines",…}')
    .action(
      async (
        testFile: string,
        opts: TargetOptions & {
          format: string
          images: string
          scoresOut?: string
          limit?: number
          project?: string
        }
      ) => {
        try {
          const params = EvalPrefsParams.parse({
            ...targetParams(opts),
            testFile: resolve(testFile),
            format: opts.format,
            imagesDir: resolve(opts.images),
            ...(opts.limit ? { limit: opts.limit } : {})
          })
          if (opts.project) {
            const job = await runCliJob(opts.project, evalPrefsJobKind(), params)
            info(
              `eval-prefs ${job.status}; report ${String(job.stats?.reportId ?? '-')} kept in ${opts.project}`
            )
            if (job.status !== 'completed') process.exitCode = 1
            return
          }
          const controller = new AbortController()
          const stop = (): void => controller.abort()
          process.once('SIGINT', stop)
          const template = await loadJudgeTemplate('judge-images')
          const target = await openJudgeTarget(params, { signal: controller.signal })
          let errors = 0
          try {
            let done = 0
            let total = 0
            const { report, scores } = await runEvaluation(
              params,
              target,
              template.body,
              judgeModelName(target),
              {
                signal: controller.signal,
                setTotal: (n) => (total = n),
                advance: () => {
                  done++
                  if (done % 10 === 0 || done === total) info(`eval-prefs: ${done}/${total} groups`)
                },
                recordError: (item, reason) => {
                  errors++
                  info(`${item}: ${reason}`)
                }
              }
            )
            if (opts.scoresOut)
              await writeFile(opts.scoresOut, scores.map((s) => `${JSON.stringify(s)}\n`).join(''))
            if (opts.json) printJson({ ...report, errors })
            else printReport(report, errors)
          } finally {
            process.off('SIGINT', stop)
            await target.close()
          }
        } catch (error) {
          fail(error)
        }
      }
    )
}

function pct(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)} %`
}

function printReport(r: EvalReportDto, errors: number): void {
  const ci = r.interval ? ` [${pct(r.interval.low)}, ${pct(r.interval.high)}]` : ''
  info(`${r.format}: accuracy ${pct(r.accuracy)}${ci} over ${r.pairs} pairs in ${r.groups} groups`)
  for (const [name, b] of Object.entries(r.baselines))
    info(`  baseline ${name}: ${pct(b.accuracy)}`)
  info(
    `  skipped ${r.skipped.groups} groups ${JSON.stringify(r.skipped.reasons)}; ${errors} errors; ${r.no_verdict} judgements without verdict`
  )
  if (r.caveat) info(`  ${r.caveat}`)
}
