import { readFile } from 'node:fs/promises'

import type { JudgeParams } from '../../../src-shared/contract/judge'
import { combineOrders } from '../../../src-shared/domain/verdict-score'
import { mediaFilePath } from '../../media/media-paths'
import { sniffImageType } from '../../media/sniff-image-type'
import { storeFor } from '../../store/store'
import type { PairJudgement, PairToJudge } from '../../store/judgements-repo'
import type { JobContext } from '../jobs/job-kind'
import type { InferenceTarget } from '../generate/inference-target'
import { noVerdictReason, readVerdict, verdictRequest } from './ask-verdict'
import { judgeModelName, openJudgeTarget } from './judge-target'
import type { StudioInference } from './judge-target'
import { loadJudgeTemplate, renderTemplate } from './prompt-template'
import { runWorkers } from './request-workers'

/** Judgements are committed in small transactions: every 32 pairs or 100 ms. */
const FLUSH_EVERY = 32
const FLUSH_MS = 100
/** Pairs read from the store at a time. */
const READ_BATCH = 256

type Request = {
  pair: PairToJudge
  images: Array<{ dataUri: string }>
  aFirst: boolean
  state: PairState
}
type PairState = { aFirst: number | null; bFirst: number | null; left: number; failures: string[] }

export type JudgeStats = {
  judged: number
  noVerdict: number
  reversed: number
  model: string
  isTestModel: boolean
}

/**
 * The `judge` job body: every pair matching the filter is judged in both orders (answer A = the
 * generated chosen shown first, then the generated rejected shown first) and gets its averaged
 * score, both one-order scores and the judge model. Resumable: pairs this model already judged
 * are skipped unless `rejudge`.
 */
export async function runJudgePairs(
  ctx: JobContext<JudgeParams>,
  options: {
    target?: InferenceTarget
    onPairs?: (ids: number[]) => void
    studio?: StudioInference
  } = {}
): Promise<JudgeStats> {
  const { params, project, signal } = ctx
  const store = storeFor(project.db)
  const template = await loadJudgeTemplate('judge-answers', store.promptTemplates)
  ctx.setMessage(params.model || params.testModel ? 'Starting the model server…' : 'Connecting…')
  const target =
    options.target ?? (await openJudgeTarget(params, { signal, studio: options.studio }))
  try {
    const model = judgeModelName(target)
    ctx.setMessage(
      target.identity.isTestModel ? 'Test model (random weights): verdicts are meaningless' : null
    )
    const matching = store.judgements.pairIds(params.filter, params.rejudge ? undefined : model)
    const only = params.pairIds ? new Set(params.pairIds) : null
    const ids = only ? matching.filter((id) => only.has(id)) : matching
    ctx.setTotal(ids.length)
    const stats: JudgeStats = {
      judged: 0,
      noVerdict: 0,
      reversed: 0,
      model,
      isTestModel: target.identity.isTestModel
    }

    const buffer: PairJudgement[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = (): void => {
      if (timer) clearTimeout(timer)
      timer = null
      if (!buffer.length) return
      const batch = buffer.splice(0)
      store.judgements.record(batch)
      ctx.advance(batch.length)
      options.onPairs?.(batch.map((j) => j.pairId))
    }
    const finish = (pair: PairToJudge, state: PairState): void => {
      for (const f of state.failures) ctx.recordError(`pair ${pair.id}`, f)
      const score = combineOrders({ xFirst: state.aFirst, yFirst: state.bFirst })
      if (score === null) stats.noVerdict++
      else if (score < 0.5) stats.reversed++
      stats.judged++
      buffer.push({
        pairId: pair.id,
        model,
        isTestModel: target.identity.isTestModel,
        chosenFirst: state.aFirst,
        rejectedFirst: state.bFirst,
        score
      })
      if (buffer.length >= FLUSH_EVERY) setImmediate(flush)
      else timer ??= setTimeout(flush, FLUSH_MS)
    }
    const settle = (r: Request): void => {
      if (--r.state.left === 0) finish(r.pair, r.state)
    }

    async function* requests(): AsyncGenerator<Request> {
      for (let at = 0; at < ids.length; at += READ_BATCH) {
        for (const pair of store.judgements.pairsToJudge(ids.slice(at, at + READ_BATCH))) {
          if (signal.aborted) return
          let images: Array<{ dataUri: string }>
          try {
            images = await Promise.all(pair.images.map((sha) => dataUri(project.mediaDir, sha)))
          } catch (error) {
            ctx.recordError(`pair ${pair.id}`, `cannot read its image: ${(error as Error).message}`)
            ctx.advance(1)
            continue
          }
          const state: PairState = { aFirst: null, bFirst: null, left: 2, failures: [] }
          yield { pair, images, aFirst: true, state }
          yield { pair, images, aFirst: false, state }
        }
      }
    }

    try {
      await runWorkers({
        source: requests(),
        capacity: target.capacity,
        signal,
        handle: async (r, local) => {
          const [first, second] = r.aFirst
            ? [r.pair.slotA, r.pair.slotB]
            : [r.pair.slotB, r.pair.slotA]
          const content = renderTemplate(
            template.body,
            { question: r.pair.question, answer_a: first, answer_b: second },
            { images: r.images }
          )
          const result = await target.chat(verdictRequest(content, params.topLogprobs, local))
          const v = readVerdict(result)
          if (r.aFirst) r.state.aFirst = v.soft
          else r.state.bFirst = v.soft
          if (v.soft === null)
            r.state.failures.push(
              `${r.aFirst ? 'chosen' : 'rejected'} shown first: ${noVerdictReason(result, params.topLogprobs)}`
            )
          settle(r)
        },
        onItemError: (r, error) => {
          r.state.failures.push(`${r.aFirst ? 'chosen' : 'rejected'} shown first: ${error.message}`)
          settle(r)
        }
      })
    } finally {
      flush()
    }
    return stats
  } finally {
    if (!options.target) await target.close()
  }
}

async function dataUri(mediaDir: string, sha256: string): Promise<{ dataUri: string }> {
  const bytes = await readFile(mediaFilePath(mediaDir, sha256))
  return {
    dataUri: `data:${sniffImageType(bytes.subarray(0, 16))};base64,${bytes.toString('base64')}`
  }
}
