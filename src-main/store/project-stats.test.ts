import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { createCore } from '../app/compose'
import { openProjectFolder } from '../services/project/project-folder'
import { fillDemoProject } from '../services/demo/demo-dataset'
import { buildPairsForSample } from '../services/generate/build-pairs'
import { ensureVariants } from '../services/generate/ensure-variants'
import { findOrCreateRun, insertResponses, selectSamples } from './generation-repo'
import { HQ_VARIANT } from '../../src-shared/domain/variant-keys'
import { ImagesRepo } from './images-repo'
import { PairsRepo } from './pairs-repo'
import { RunsRepo } from './runs-repo'
import { projectStats } from './project-stats'

const root = mkdtempSync(join(tmpdir(), 'stats-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const LQ = 'downsample:4:lanczos3:restore'

describe('projectStats', () => {
  it('reports counts, flip rates, length deltas and accuracy that agree with the pairs', async () => {
    const dir = join(root, 'p')
    const project = openProjectFolder(dir, { create: 'must' })
    await fillDemoProject(project, { seed: 2, count: 4 })
    const samples = selectSamples(project.db, {})
    const runId = findOrCreateRun(project.db, {
      model: 'm',
      mmproj: null,
      endpoint: null,
      isTestModel: true,
      params: {}
    })
    // Sample 1: right on HQ, wrong and longer on LQ. Sample 2: same answer twice. Sample 3:
    // HQ only. Sample 4: wrong on HQ, right and shorter on LQ.
    const answers: Array<[number, string, string, number]> = [
      [0, HQ_VARIANT, samples[0]!.groundTruth!, 2],
      [0, LQ, 'maybe it is 1111 or so', 8],
      [1, HQ_VARIANT, 'copper', 1],
      [1, LQ, 'Copper.', 2],
      [2, HQ_VARIANT, 'x', 1],
      [3, HQ_VARIANT, 'a very long wrong answer', 6],
      [3, LQ, samples[3]!.groundTruth!, 2]
    ]
    for (const sample of samples) {
      await ensureVariants(project.db, project.mediaDir, sample.images[0]!, [LQ])
    }
    insertResponses(
      project.db,
      runId,
      answers.map(([i, variantKey, text, tokens]) => ({
        sampleId: samples[i]!.id,
        variantKey,
        text,
        promptTokens: 5,
        completionTokens: tokens,
        finishReason: 'stop',
        latencyMs: 1
      }))
    )
    for (const sample of samples) buildPairsForSample(project.db, runId, sample, 'label-free')

    const stats = projectStats(project.db)
    expect(stats).toMatchObject({
      samples: 4,
      images: 4,
      runs: 1,
      responses: 7,
      pairs: 2,
      by_status: { pending: 2, accepted: 0, rejected: 0 },
      by_tier: { '1': 4, '2': 0, '3': 0 },
      flip_rate_by_recipe: { [LQ]: { samples: 3, flipped: 2, rate: 2 / 3 } },
      length_delta: { pairs: 2, mean_tokens: 1, median_tokens: 1, share_rejected_longer: 0.5 }
    })
    expect(stats.accuracy_by_variant[HQ_VARIANT]).toEqual({ graded: 4, correct: 1, accuracy: 0.25 })
    expect(stats.accuracy_by_variant[LQ]).toEqual({ graded: 3, correct: 1, accuracy: 1 / 3 })
    project.db.close()

    expect(stats.flip_rate_by_level).toEqual([
      { type: 'downsample', level: 4, samples: 3, flipped: 2, rate: 2 / 3 }
    ])
    expect(stats.pairs_by_tier).toEqual({ '1': 2, '2': 0, '3': 0 })
    // Deltas +6 tokens (sample 1) and -4 (sample 4): one bar each at width 1..10.
    const tokenBars = stats.length_delta_histogram.tokens
    expect(tokenBars.reduce((n, b) => n + b.count, 0)).toBe(2)
    expect(tokenBars.find((b) => b.min <= 6 && 6 <= b.max)?.count).toBe(1)
    expect(tokenBars.find((b) => b.min <= -4 && -4 <= b.max)?.count).toBe(1)
    expect(stats.length_delta_histogram.chars.reduce((n, b) => n + b.count, 0)).toBe(2)
    expect(stats.length_delta.share_rejected_longer_chars).toBe(0.5)
    expect(stats.judge_score_histogram).toEqual([])
    project.db.close()

    // Over RPC: a judge score appears, and a swap shows the pair the other way round, as the
    // Pairs filter of each histogram bar counts it.
    const core = createCore({ host: 'memory', projectDir: dir })
    const db = core.session.require().db
    const [first, second] = (await core.router
      .dispatch('pairs.list', {}, { via: 'memory' })
      .then((r) =>
        r.ok ? (r.result as { rows: Array<{ id: number; deltaTokens: number }> }).rows : []
      )) as Array<{ id: number; deltaTokens: number }>
    new PairsRepo(db, new ImagesRepo(db), new RunsRepo(db)).setJudgeScores([
      { pairId: first!.id, score: 0.85 }
    ])
    await core.router.dispatch(
      'pairs.update',
      { id: second!.id, op: { op: 'swap' } },
      { via: 'memory' }
    )
    const response = await core.router.dispatch('stats.get', {}, { via: 'memory' })
    if (!response.ok) throw new Error('stats.get failed')
    const after = response.result as typeof stats
    expect(after.judge_score_histogram).toHaveLength(10)
    expect(after.judge_score_histogram[8]).toEqual({ min: 0.8, max: 0.9, count: 1 })
    expect(after.length_delta.share_rejected_longer).toBe(1)
    for (const bar of after.length_delta_histogram.tokens.filter((b) => b.count > 0)) {
      const listed = await core.router.dispatch(
        'pairs.list',
        { filter: { deltaTokens: { min: bar.min, max: bar.max } } },
        { via: 'memory' }
      )
      expect(listed.ok && (listed.result as { total: number }).total).toBe(bar.count)
    }
    await core.dispose()
  })
})
