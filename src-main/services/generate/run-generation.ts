import { readFile } from 'node:fs/promises'

import { mediaFilePath } from '../../media/media-paths'
import { sniffImageType } from '../../media/sniff-image-type'
import type { JobContext } from '../jobs/job-kind'
import { InferenceError } from '../inference/inference-errors'
import { HQ_VARIANT } from '../../../src-shared/domain/variant-keys'
import { buildPairsForSample } from './build-pairs'
import { ensureVariants } from './ensure-variants'
import { recipeKeys } from './generate-params'
import type { GenerateParams } from '../../../src-shared/contract/generate'
import {
  committedResponses,
  countRunOutputs,
  findOrCreateRun,
  insertResponses,
  selectSamples
} from '../../store/generation-repo'
import type { GenSample, NewResponse } from '../../store/generation-repo'
import { openInferenceTarget } from './inference-target'
import type { InferenceTarget } from './inference-target'
import { prefetch } from './prefetch'

/** One request: a sample's question on its HQ images or on one LQ variant of them. */
type Task = { sample: GenSample; variantKey: string; images: Array<{ dataUri: string }> }

type Settled = { sample: GenSample; response?: NewResponse }

export type GenerationStats = {
  run: number
  responses: number
  pairs: number
  errors: number
  isTestModel: boolean
}

/** Writes results in small transactions off the request path (every 16 results or 50 ms). */
const FLUSH_EVERY = 16
const FLUSH_MS = 50

async function dataUri(mediaDir: string, sha256: string): Promise<{ dataUri: string }> {
  const bytes = await readFile(mediaFilePath(mediaDir, sha256))
  return {
    dataUri: `data:${sniffImageType(bytes.subarray(0, 16))};base64,${bytes.toString('base64')}`
  }
}

/**
 * The `generate` job body: ensures the variants, asks every question on HQ and on each LQ
 * variant with exactly `capacity` requests in flight, commits responses in small batches and
 * builds a sample's pairs in the same transaction as its last response. Resumable: responses a
 * run already committed are never asked again, and pairs are only ever added once.
 */
export async function runGeneration(
  ctx: JobContext<GenerateParams>,
  options: { target?: InferenceTarget; onPairs?: (ids: number[]) => void } = {}
): Promise<GenerationStats> {
  const { params, project, signal } = ctx
  const db = project.db
  const keys = recipeKeys(params)
  const variants = [HQ_VARIANT, ...keys]
  const samples = selectSamples(db, params)
  ctx.setTotal(samples.length)

  ctx.setMessage(
    params.model || params.testModel ? 'Starting the model server…' : 'Connecting to endpoints…'
  )
  const target =
    options.target ??
    (await openInferenceTarget(params, {
      signal,
      onBuild: (p) =>
        ctx.setMessage(
          `Building the inference sidecar (${p.stage}${p.total ? ` ${p.done}/${p.total}` : ''})`
        )
    }))
  try {
    const runId = findOrCreateRun(db, target.identity)
    ctx.setMessage(
      target.identity.isTestModel ? 'Test model (random weights): answers are meaningless' : null
    )
    const committed = committedResponses(db, runId)
    const missing = (s: GenSample): string[] =>
      variants.filter((v) => !committed.has(`${s.id}:${v}`))

    // Samples finished before a restart only need their pairs checked (idempotent insert).
    const pending = samples.filter((s) => missing(s).length > 0)
    const complete = samples.filter((s) => missing(s).length === 0)
    const restored = db.transaction(() =>
      complete.flatMap((s) => buildPairsForSample(db, runId, s, params.mode))
    )()
    if (restored.length) options.onPairs?.(restored)
    ctx.setDone(complete.length)

    const remaining = new Map<number, number>()
    const failed = new Set<number>()
    async function* tasks(): AsyncGenerator<Task> {
      for (const sample of pending) {
        if (signal.aborted) return
        const todo = missing(sample)
        remaining.set(sample.id, todo.length)
        let lq: Map<string, Map<string, { sha256: string }>>
        try {
          lq = new Map()
          for (const image of sample.images) {
            const rows = await ensureVariants(db, project.mediaDir, image, keys)
            lq.set(image.sha256, rows)
          }
        } catch (error) {
          ctx.recordError(`sample ${sample.id}`, (error as Error).message)
          remaining.delete(sample.id)
          ctx.advance(1)
          continue
        }
        for (const variantKey of todo) {
          const shas = sample.images.map((image) =>
            variantKey === HQ_VARIANT ? image.sha256 : lq.get(image.sha256)!.get(variantKey)!.sha256
          )
          const images = await Promise.all(shas.map((sha) => dataUri(project.mediaDir, sha)))
          yield { sample, variantKey, images }
        }
      }
    }

    const buffer: Settled[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = (): void => {
      if (timer) clearTimeout(timer)
      timer = null
      if (buffer.length === 0) return
      const batch = buffer.splice(0)
      let finished = 0
      let tokens = 0
      const pairIds = db.transaction(() => {
        insertResponses(
          db,
          runId,
          batch.flatMap((s) => (s.response ? [s.response] : []))
        )
        const ids: number[] = []
        for (const settled of batch) {
          tokens += settled.response?.completionTokens ?? 0
          const left = (remaining.get(settled.sample.id) ?? 1) - 1
          remaining.set(settled.sample.id, left)
          if (left > 0) continue
          finished++
          if (!failed.has(settled.sample.id)) {
            ids.push(...buildPairsForSample(db, runId, settled.sample, params.mode))
          }
        }
        return ids
      })()
      ctx.advance(finished, tokens)
      if (pairIds.length) options.onPairs?.(pairIds)
    }
    const settle = (settled: Settled): void => {
      buffer.push(settled)
      if (buffer.length >= FLUSH_EVERY) setImmediate(flush)
      else timer ??= setTimeout(flush, FLUSH_MS)
    }

    const local = new AbortController()
    const onAbort = (): void => local.abort()
    signal.addEventListener('abort', onAbort, { once: true })
    let fatal: unknown = null
    const queue = prefetch(tasks(), target.capacity * 2)
    const worker = async (): Promise<void> => {
      for (;;) {
        if (local.signal.aborted) return
        const task = await queue.next()
        if (!task) return
        const started = performance.now()
        try {
          const result = await target.chat({
            images: task.images,
            question: task.sample.question,
            maxTokens: params.maxTokens,
            temperature: params.temperature,
            seed: params.seed,
            signal: local.signal
          })
          settle({
            sample: task.sample,
            response: {
              sampleId: task.sample.id,
              variantKey: task.variantKey,
              text: result.text,
              promptTokens: result.promptTokens,
              completionTokens: result.completionTokens,
              finishReason: result.finishReason,
              latencyMs: performance.now() - started
            }
          })
        } catch (error) {
          const kind = error instanceof InferenceError ? error.kind : null
          if (
            kind === 'cancelled' ||
            kind === 'unavailable' ||
            !(error instanceof InferenceError)
          ) {
            // The target is gone or the job is stopping: no point in failing every item.
            fatal ??= error
            local.abort()
            return
          }
          ctx.recordError(`sample ${task.sample.id} (${task.variantKey})`, error.message)
          failed.add(task.sample.id)
          settle({ sample: task.sample })
        }
      }
    }
    try {
      await Promise.all(Array.from({ length: target.capacity }, worker))
    } finally {
      signal.removeEventListener('abort', onAbort)
      flush()
    }
    if (signal.aborted) signal.throwIfAborted()
    if (fatal) throw fatal

    return {
      run: runId,
      ...countRunOutputs(db, runId, ctx.jobId),
      isTestModel: target.identity.isTestModel
    }
  } finally {
    if (!options.target) await target.close()
  }
}
