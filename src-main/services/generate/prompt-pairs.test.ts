import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GenerateParams } from '../../../src-shared/contract/generate'
import { ComposeParams } from '../../../src-shared/contract/compose'
import { selectSamples } from '../../store/generation-repo'
import { storeFor } from '../../store/store'
import { runCompose } from '../compose/run-compose'
import { runExport } from '../datasets/export/run-export'
import type { TrlRow } from '../datasets/formats/trl/row'
import { fillDemoProject } from '../demo/demo-dataset'
import { InferenceError } from '../inference/inference-errors'
import { LlamaServer } from '../inference/llama-server'
import { ensureSidecarBinary } from '../inference/sidecar-build'
import { ensureTinyVlm } from '../inference/tiny-vlm'
import { VlmClient } from '../inference/vlm-client'
import type { JobContext } from '../jobs/job-kind'
import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { buildPromptPairs } from './build-prompt-pairs'
import { openInferenceTarget } from './inference-target'
import type { InferenceTarget } from './inference-target'
import { multiImageRefusal } from './prompt-variants'
import { runGeneration } from './run-generation'

const root = mkdtempSync(join(tmpdir(), 'prompt-pairs-'))
let target: InferenceTarget

/** A job context over a project, recording errors (the runner's own is not needed here). */
function context<P>(project: ProjectHandle, params: P) {
  const errors: Array<{ item: string; reason: string }> = []
  const ctx: JobContext<P> = {
    jobId: `test-${Math.random()}`,
    params,
    project,
    signal: new AbortController().signal,
    resumed: false,
    setTotal: () => undefined,
    setDone: () => undefined,
    advance: () => undefined,
    setMessage: () => undefined,
    recordError: (item, reason) => errors.push({ item, reason }),
    setStats: () => undefined
  }
  return { ctx, errors }
}

async function composedProject(name: string): Promise<ProjectHandle> {
  const project = openProjectFolder(join(root, name), { create: 'if-missing' })
  await fillDemoProject(project, { seed: 4, count: 10 })
  const params = ComposeParams.parse({ count: 3, seed: 9, maxImages: 3, cellSize: 96 })
  await runCompose(context(project, params).ctx)
  return project
}

const generate = (project: ProjectHandle, input: Record<string, unknown>) => {
  const params = GenerateParams.parse({ testModel: true, maxTokens: 6, ...input })
  const { ctx, errors } = context(project, params)
  return runGeneration(ctx, { target }).then((stats) => ({ stats, errors }))
}

beforeAll(async () => {
  await ensureSidecarBinary()
  target = await openInferenceTarget(GenerateParams.parse({ testModel: true, parallel: 2 }))
}, 900_000)
afterAll(async () => {
  await target?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('prompt-driven pairs of composed samples', () => {
  it('asks the guided and the hard form, pairs them once, and resumes without duplicates', async () => {
    const project = await composedProject('label-free')
    const composed = storeFor(project.db).compositions.list({}, 100).rows
    const ids = composed.map((c) => c.sampleId)
    const first = await generate(project, { sampleIds: ids })
    expect(first.errors).toEqual([])
    const responses = project.db
      .prepare(
        `SELECT sample_id, variant_key, prompt_tokens, perplexity FROM responses ORDER BY sample_id, variant_key`
      )
      .all() as Array<{
      sample_id: number
      variant_key: string
      prompt_tokens: number
      perplexity: number
    }>
    for (const c of composed) {
      const mine = responses.filter((r) => r.sample_id === c.sampleId)
      expect(mine.map((r) => r.variant_key)).toEqual(
        c.guidedQuestion === null ? ['hard'] : ['guided', 'hard']
      )
      expect(mine.every((r) => r.perplexity >= 1)).toBe(true)
      if (c.layout === 'sequence' && c.guidedQuestion !== null) {
        // Each image part costs the tiny VLM 16 prompt tokens: the hard form holds them all.
        const [guided, hard] = mine as [(typeof mine)[0], (typeof mine)[0]]
        const guidedImages = c.sources.filter((s) => s.role !== 'distractor').length
        expect(hard.prompt_tokens - guided.prompt_tokens).toBeGreaterThanOrEqual(
          16 * (c.imageCount - guidedImages)
        )
      }
    }
    const pairs = storeFor(project.db).pairs.dtos(
      project.db.prepare('SELECT id FROM pairs ORDER BY id').pluck().all() as number[]
    )
    expect(first.stats.promptPairs).toBe(pairs.length)
    expect(pairs.length).toBeGreaterThan(0)
    for (const pair of pairs) {
      expect(pair.origin).toBe('prompt-complexity')
      expect(pair.composition?.sampleId).toBe(pair.sampleId)
      expect(pair.tier).toBe(pair.composition?.tier)
      if (pair.composition?.guidedQuestion === null) {
        expect([pair.chosen, pair.chosenResponseId, pair.chosenCorrect]).toEqual([
          pair.groundTruth,
          null,
          true
        ])
      } else {
        const guided = responses.find(
          (r) => r.sample_id === pair.sampleId && r.variant_key === 'guided'
        )
        expect(guided).toBeDefined()
        expect(pair.chosen).not.toBe(pair.rejected)
      }
    }

    const again = await generate(project, { sampleIds: ids })
    expect(again.stats).toMatchObject({
      run: first.stats.run,
      responses: first.stats.responses,
      pairs: first.stats.pairs
    })

    // Exported, a sequence keeps the labelled prompt the model was asked; one image stays bare.
    const out = join(root, 'label-free-export')
    await runExport(project, out, { format: 'trl', status: 'all', split: 1 })
    const rows = readFileSync(join(out, 'train.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TrlRow<string>)
    // A pair with an empty answer is skipped, with its reason (the tiny model sometimes says nothing).
    const sequences = pairs.filter(
      (p) => p.composition?.layout === 'sequence' && p.chosen.trim() && p.rejected.trim()
    ).length
    const content = rows.map((row) => row.prompt[0]?.content ?? [])
    const labelled = content.filter((parts) => parts.length > 2)
    expect(sequences).toBeGreaterThan(0)
    expect(labelled.length).toBe(sequences)
    for (const parts of labelled) {
      expect(parts.slice(0, 2)).toEqual([{ type: 'text', text: 'Image1:' }, { type: 'image' }])
    }
    for (const parts of content.filter((p) => p.length === 2)) {
      expect(parts[0]).toEqual({ type: 'image' })
    }
  }, 300_000)

  it('keeps label-based pairs only where chosen is right and rejected wrong', async () => {
    const project = await composedProject('label-based')
    const ids = storeFor(project.db)
      .compositions.list({}, 100)
      .rows.map((c) => c.sampleId)
    await generate(project, { sampleIds: ids, mode: 'label-based' })
    const rows = project.db.prepare('SELECT chosen_correct, rejected_correct FROM pairs').all()
    // The tiny VLM is never right, so only ground-truth-chosen (find-image) pairs remain.
    expect(rows.length).toBeGreaterThan(0)
    expect(
      rows.every((r) => JSON.stringify(r) === '{"chosen_correct":1,"rejected_correct":0}')
    ).toBe(true)
  }, 300_000)

  it('reports how many pairs each post-selection filter removed', async () => {
    const project = await composedProject('filtered')
    const ids = storeFor(project.db)
      .compositions.list({}, 100)
      .rows.map((c) => c.sampleId)
    const { stats } = await generate(project, {
      sampleIds: ids,
      postFilters: { minEditDistance: 1, maxLengthRatio: 1000 }
    })
    expect(stats.filtered.edit_distance).toBeGreaterThan(0)
    expect(stats.filtered.perplexity).toBe(0)
    // Without filters, the same run's stored answers give exactly the pairs the filters removed
    // on top of those they kept (a second run could answer differently: slots batch differently).
    const restored = selectSamples(project.db, { sampleIds: ids }).flatMap(
      (sample) => buildPromptPairs(project.db, Number(stats.run), sample, 'label-free', {}).created
    )
    const removed = stats.filtered.edit_distance + stats.filtered.length_ratio
    expect(restored.length).toBe(removed)
  }, 300_000)
})

describe('a request of more images than the model can take', () => {
  it('gets an error naming how many images were refused and how many fit', async () => {
    const vlm = ensureTinyVlm(0)
    const server = new LlamaServer({
      binary: (await ensureSidecarBinary()).path,
      backend: 'cpu',
      ...vlm,
      slots: 1,
      ctxPerSlot: 256,
      threads: 1
    })
    await server.start()
    try {
      const client = new VlmClient({ resolve: (signal) => server.waitUntilReady(signal) })
      const png = await sharp({
        create: { width: 32, height: 32, channels: 3, background: '#369' }
      })
        .png()
        .toBuffer()
      const images = Array.from({ length: 24 }, () => png)
      const error = await client
        .chat({ images, question: 'Which?', maxTokens: 2 })
        .catch((e: unknown) => e as InferenceError)
      expect(error).toBeInstanceOf(InferenceError)
      const clear = multiImageRefusal(error as InferenceError, 24)
      expect(clear.message).toMatch(
        /^The model refused 24 images in one request: \d+ prompt tokens exceed its 256-token context; about 1\d images of this size fit/
      )
    } finally {
      await server.stop()
    }
  }, 120_000)

  it('names the limit a server states, and leaves single-image errors alone', () => {
    const limited = new InferenceError(
      'bad_request',
      'At most 1 image(s) may be provided in one request.',
      400
    )
    expect(multiImageRefusal(limited, 3).message).toMatch(
      /^The model takes at most 1 image per request; this one had 3/
    )
    const single = new InferenceError('context_exceeded', 'too long', 400)
    expect(multiImageRefusal(single, 1)).toBe(single)
  })
})
