import { dirname } from 'node:path'

import type { RankParams } from '../../../src-shared/contract/judge'
import { ranksFromScores } from '../../../src-shared/domain/preference-metrics'
import { storeFor } from '../../store/store'
import type { JobContext } from '../jobs/job-kind'
import type { InferenceTarget } from '../generate/inference-target'
import { resolveInside } from '../../platform/resolve-inside'
import { addOriginalImage } from '../ingest/sample-writer'
import { imageDataUri } from './eval/load-image'
import { groupJudging, scoreGroup } from './group-judging'
import type { GroupOutcome, LoadedGroup } from './group-judging'
import { judgeModelName, openJudgeTarget } from './judge-target'
import type { StudioInference } from './judge-target'
import { loadJudgeTemplate } from './prompt-template'
import { readPromptSet } from './prompt-set'
import type { PromptSetEntry } from './prompt-set'
import { runWorkers } from './request-workers'

/**
 * Preference pairs of one ranking (positions in input order): the best against the worst, or
 * every pair whose Bradley–Terry margin (difference of log-strengths) exceeds `margin`.
 */
export function preferencePairs(
  scores: readonly number[],
  mode: RankParams['pairs'],
  margin: number
): Array<{ chosen: number; rejected: number; margin: number }> {
  const ranks = ranksFromScores(scores)
  const order = ranks.map((_, i) => ranks.indexOf(i))
  if (mode === 'best-worst') {
    const best = order[0]!
    const worst = order[order.length - 1]!
    return best === worst
      ? []
      : [{ chosen: best, rejected: worst, margin: scores[best]! - scores[worst]! }]
  }
  const pairs: Array<{ chosen: number; rejected: number; margin: number }> = []
  for (let a = 0; a < order.length; a++)
    for (let b = a + 1; b < order.length; b++) {
      const m = scores[order[a]!]! - scores[order[b]!]!
      if (m > margin) pairs.push({ chosen: order[a]!, rejected: order[b]!, margin: m })
    }
  return pairs
}

type Loaded = { entry: PromptSetEntry; imageIds: number[] }

/**
 * The `rank` job body: for each prompt of the prompt set, its images are stored in the project,
 * compared pairwise in both orders (a regular tournament beyond `allPairsUpTo` images), ranked
 * by Bradley–Terry and kept with their wins matrix and the preference pairs they yield.
 * Resumable: prompts this job already ranked are skipped.
 */
export async function runRankPrompts(
  ctx: JobContext<RankParams>,
  options: { target?: InferenceTarget; studio?: StudioInference } = {}
): Promise<{ rankings: number; imagePairs: number; model: string }> {
  const { params, project, signal } = ctx
  const store = storeFor(project.db)
  const template = await loadJudgeTemplate('judge-images', store.promptTemplates)
  const set = await readPromptSet(params.promptSet)
  for (const e of set.errors) ctx.recordError(e.item, e.reason)
  const done = store.rankings.rankedKeys(ctx.jobId)
  const todo = set.entries.filter((e) => !done.has(e.key))
  ctx.setTotal(set.entries.length)
  ctx.setDone(set.entries.length - todo.length)
  const target =
    options.target ?? (await openJudgeTarget(params, { signal, studio: options.studio }))
  const model = judgeModelName(target)
  let rankings = 0
  let imagePairs = 0
  const baseDir = dirname(params.promptSet)
  const loadedByKey = new Map<string, Loaded>()
  try {
    const onGroup = (outcome: GroupOutcome<string>): void => {
      const loaded = loadedByKey.get(outcome.key)!
      loadedByKey.delete(outcome.key)
      for (const f of outcome.failures) ctx.recordError(loaded.entry.item, f)
      const s = scoreGroup(outcome)
      if (!s.soft) {
        ctx.recordError(loaded.entry.item, 'no comparison gave a verdict token; not ranked')
        ctx.advance(1)
        return
      }
      const ranks = ranksFromScores(s.soft)
      const pairs = preferencePairs(s.soft, params.pairs, params.margin)
      store.rankings.create({
        jobId: ctx.jobId,
        promptKey: loaded.entry.key,
        prompt: loaded.entry.prompt,
        model,
        isTestModel: target.identity.isTestModel,
        comparisons: outcome.pairs.length,
        noVerdict: s.noVerdict,
        orderEffect: s.orderEffect,
        wins: s.wins,
        images: loaded.imageIds.map((imageId, i) => ({
          imageId,
          label: loaded.entry.images[i]!,
          score: s.soft![i]!,
          rank: ranks[i]! + 1
        })),
        pairs
      })
      rankings++
      imagePairs += pairs.length
      ctx.advance(1)
    }
    const judging = groupJudging<string>({
      template: template.body,
      topLogprobs: params.topLogprobs,
      allPairsUpTo: params.allPairsUpTo,
      degree: params.degree,
      seed: params.seed,
      chat: (req) => target.chat(req),
      onGroup,
      label: (key) => loadedByKey.get(key)?.entry.item ?? key
    })
    async function* groups(): AsyncGenerator<LoadedGroup<string>> {
      for (const entry of todo) {
        if (signal.aborted) return
        try {
          const files = entry.images.map((path) => resolveInside(baseDir, path))
          const stored = []
          for (const file of files)
            stored.push(await addOriginalImage(project.db, project.mediaDir, { file }, 'rank'))
          const images = await Promise.all(files.map((f) => imageDataUri(f)))
          loadedByKey.set(entry.key, { entry, imageIds: stored.map((s) => s.id) })
          yield { key: entry.key, prompt: entry.prompt, images }
        } catch (error) {
          ctx.recordError(entry.item, (error as Error).message)
          ctx.advance(1)
        }
      }
    }
    await runWorkers({
      source: judging.requests(groups()),
      capacity: target.capacity,
      signal,
      handle: judging.handle,
      onItemError: judging.onItemError
    })
    return { rankings, imagePairs, model }
  } finally {
    if (!options.target) await target.close()
  }
}
