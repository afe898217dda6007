import type { EvalPrefsParams, EvalReportDto } from '../../../../src-shared/contract/judge'
import { PUBLISHED_REFERENCES } from '../../../../src-shared/contract/judge'
import { fnv1a, mulberry32 } from '../../../../src-shared/domain/seeded-random'
import type { InferenceTarget } from '../../generate/inference-target'
import { groupJudging, scoreGroup } from '../group-judging'
import type { GroupOutcome, LoadedGroup } from '../group-judging'
import { runWorkers } from '../request-workers'
import { METRIC_NAMES, accuracyWithInterval, pairsCounted } from './eval-report'
import type { ScoredGroup } from './eval-report'
import { imageDataUri } from './load-image'
import { readTestSet } from './test-set-readers'
import type { TestGroup } from './test-set-readers'

/** One line of `--scores-out`: the method's score of one image. */
export type ScoreLine = { group: string | number; image: string; score: number }

export type EvalCallbacks = {
  readonly signal: AbortSignal
  setTotal?(groups: number): void
  /** One more group settled (scored or skipped). */
  advance?(): void
  recordError(item: string, reason: string): void
}

export const TEST_MODEL_CAVEAT =
  'The test model has random weights: its accuracy is chance level and says nothing about the method. The published figures are for trained models.'

/**
 * Evaluates the judge on a human-preference test set: every image pair of a group compared in
 * both orders from the verdict-token probabilities, Bradley–Terry scores per image, the
 * published metric of the format with a bootstrap interval, and in the same run the baselines
 * (random scores, "always first", hard verdicts, one order only). Bad items and comparisons
 * without a verdict are per-item errors; the report counts what it skipped and why.
 */
export async function runEvaluation(
  params: EvalPrefsParams,
  target: InferenceTarget,
  template: string,
  model: string,
  cb: EvalCallbacks
): Promise<{ report: EvalReportDto; scores: ScoreLine[] }> {
  const started = performance.now()
  const set = await readTestSet(params.testFile, params.format, params.imagesDir, params.limit)
  const reasons: Record<string, number> = {}
  const skip = (item: string, kind: string, reason: string): void => {
    reasons[kind] = (reasons[kind] ?? 0) + 1
    cb.recordError(item, reason)
  }
  for (const s of set.skipped) skip(s.item, s.kind, s.reason)
  cb.setTotal?.(set.groups.length)

  const byKey = new Map(set.groups.map((g) => [g.key, g]))
  const scored: ScoredGroup[] = []
  const scores: ScoreLine[] = []
  let judgements = 0
  let noVerdict = 0
  const effects: number[] = []

  const onGroup = (outcome: GroupOutcome<string | number>): void => {
    const group = byKey.get(outcome.key)!
    const item = `group ${outcome.key}`
    for (const failure of outcome.failures) cb.recordError(item, failure)
    judgements += outcome.pairs.length * 2
    const s = scoreGroup(outcome)
    noVerdict += s.noVerdict
    effects.push(...s.orderEffects)
    if (!s.soft) {
      skip(item, 'no verdict', 'no comparison of the group gave a verdict token')
    } else {
      const n = group.images.length
      const ties = new Array<number>(n).fill(0)
      scored.push({
        ranks: group.ranks,
        scores: {
          method: s.soft,
          // Seeded per group, so the baseline does not depend on the order groups finish in.
          random: randomScores(params.seed, group.key, n),
          // The position policy: whichever image is listed first wins every comparison.
          always_first: group.images.map((_, i) => -i),
          // A group where that kind of verdict never appeared scores as all ties.
          hard_verdict: s.hard ?? ties,
          one_order: s.oneOrder ?? ties
        }
      })
      group.images.forEach((image, i) =>
        scores.push({ group: group.key, image, score: s.soft![i]! })
      )
    }
    cb.advance?.()
  }

  const judging = groupJudging<string | number>({
    template,
    topLogprobs: params.topLogprobs,
    allPairsUpTo: params.allPairsUpTo,
    degree: params.degree,
    seed: params.seed,
    chat: (req) => target.chat(req),
    onGroup,
    label: (key) => `group ${key}`
  })
  async function* loaded(): AsyncGenerator<LoadedGroup<string | number>> {
    for (const g of set.groups) {
      if (cb.signal.aborted) return
      const images = await loadImages(g)
      if (typeof images === 'string') {
        skip(`group ${g.key}`, 'unreadable image', images)
        cb.advance?.()
        continue
      }
      yield { key: g.key, prompt: g.prompt, images }
    }
  }
  await runWorkers({
    source: judging.requests(loaded()),
    capacity: target.capacity,
    signal: cb.signal,
    handle: judging.handle,
    onItemError: judging.onItemError
  })

  const boot = { rounds: params.bootstrapRounds, seed: params.seed }
  const main = accuracyWithInterval(params.format, scored, 'method', boot)
  const baseline = (name: Parameters<typeof accuracyWithInterval>[2]) =>
    accuracyWithInterval(params.format, scored, name, boot)
  const skippedGroups = Object.values(reasons).reduce((a, b) => a + b, 0)
  const report: EvalReportDto = {
    format: params.format,
    test_file: params.testFile,
    model,
    is_test_model: target.identity.isTestModel,
    metric: METRIC_NAMES[params.format],
    accuracy: main.accuracy,
    interval: main.interval,
    pairs: pairsCounted(params.format, scored),
    groups: scored.length,
    groups_total: set.total,
    judgements,
    no_verdict: noVerdict,
    order_effect: effects.length ? effects.reduce((a, b) => a + b, 0) / effects.length : null,
    baselines: {
      random: baseline('random'),
      always_first: baseline('always_first'),
      hard_verdict: baseline('hard_verdict'),
      one_order: baseline('one_order')
    },
    skipped: { groups: skippedGroups, reasons },
    references: PUBLISHED_REFERENCES.map((r) => ({ ...r })),
    caveat: target.identity.isTestModel ? TEST_MODEL_CAVEAT : null,
    seconds: (performance.now() - started) / 1000
  }
  return { report, scores }
}

async function loadImages(g: TestGroup): Promise<Array<{ dataUri: string }> | string> {
  try {
    return await Promise.all(g.files.map((file) => imageDataUri(file)))
  } catch (error) {
    return (error as Error).message
  }
}

function randomScores(seed: number, key: string | number, n: number): number[] {
  const random = mulberry32(fnv1a(`${seed}:${String(key)}`))
  return Array.from({ length: n }, () => random())
}
