import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { fillDemoProject } from '../demo/demo-dataset'
import { HQ_VARIANT } from '../../../src-shared/domain/variant-keys'
import { buildPairsForSample } from './build-pairs'
import { ensureVariants } from './ensure-variants'
import { findOrCreateRun, insertResponses, selectSamples } from '../../store/generation-repo'

const root = mkdtempSync(join(tmpdir(), 'pairs-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const KEYS = ['downsample:2:lanczos3:restore', 'downsample:4:lanczos3:restore', 'jpeg:20']

async function setup(name: string): Promise<{ project: ProjectHandle; runId: number }> {
  const project = openProjectFolder(join(root, name), { create: 'must' })
  await fillDemoProject(project, { seed: 5, count: 1 })
  const [sample] = selectSamples(project.db, {})
  await ensureVariants(project.db, project.mediaDir, sample!.images[0]!, KEYS)
  const runId = findOrCreateRun(project.db, {
    model: 'm.gguf',
    mmproj: 'p.gguf',
    endpoint: null,
    isTestModel: true,
    params: { temperature: 0 }
  })
  return { project, runId }
}

function answer(
  project: ProjectHandle,
  runId: number,
  variantKey: string,
  text: string,
  tokens: number
) {
  insertResponses(project.db, runId, [
    {
      sampleId: 1,
      variantKey,
      text,
      promptTokens: 10,
      completionTokens: tokens,
      finishReason: 'stop',
      latencyMs: 5
    }
  ])
}

describe('buildPairsForSample', () => {
  it('label-free: pairs differing answers with deltas, correctness, flip level and PSNR/SSIM', async () => {
    const { project, runId } = await setup('free')
    const [sample] = selectSamples(project.db, {})
    const truth = sample!.groundTruth!
    answer(project, runId, HQ_VARIANT, truth, 3)
    answer(project, runId, KEYS[0]!, `${truth}.`, 4) // same after normalization: no pair
    answer(project, runId, KEYS[1]!, 'I believe the number is 1234', 9)
    answer(project, runId, KEYS[2]!, 'unclear', 2)

    const ids = buildPairsForSample(project.db, runId, sample!, 'label-free')
    expect(ids).toHaveLength(2)
    const pairs = project.db
      .prepare('SELECT * FROM pairs JOIN pair_texts ON pair_id = id ORDER BY recipe_key')
      .all() as Array<Record<string, unknown>>
    expect(pairs[0]).toMatchObject({
      origin: 'visual-delta',
      recipe_key: KEYS[1],
      perturb_type: 'downsample',
      perturb_level: 4,
      chosen_text: truth,
      rejected_text: 'I believe the number is 1234',
      chosen_tokens: 3,
      rejected_tokens: 9,
      delta_tokens: 6,
      delta_words: 5,
      delta_chars: 28 - truth.length,
      chosen_correct: 1,
      rejected_correct: 0,
      flip_level: 4,
      tier: 1,
      status: 'pending'
    })
    expect(pairs[0]!.edit_distance).toBeGreaterThan(0)
    expect(pairs[0]!.edit_distance).toBeLessThanOrEqual(1)
    expect(pairs[0]!.psnr).toBeGreaterThan(10)
    expect(pairs[0]!.ssim).toBeGreaterThan(0)
    expect(pairs[0]!.ssim).toBeLessThan(1)
    expect(pairs[1]).toMatchObject({ recipe_key: 'jpeg:20', perturb_type: 'jpeg', flip_level: 20 })

    // Idempotent: building again adds nothing.
    expect(buildPairsForSample(project.db, runId, sample!, 'label-free')).toEqual([])
    project.db.close()
  })

  it('label-based: keeps only chosen right and rejected wrong', async () => {
    const { project, runId } = await setup('based')
    const [sample] = selectSamples(project.db, {})
    const truth = sample!.groundTruth!
    answer(project, runId, HQ_VARIANT, `It is ${truth}`, 3)
    answer(project, runId, KEYS[0]!, 'something else', 2)
    answer(project, runId, KEYS[1]!, truth, 1)
    const ids = buildPairsForSample(project.db, runId, sample!, 'label-based')
    expect(ids).toHaveLength(1)
    const pair = project.db
      .prepare('SELECT recipe_key, chosen_correct, rejected_correct FROM pairs')
      .get()
    expect(pair).toEqual({ recipe_key: KEYS[0], chosen_correct: 1, rejected_correct: 0 })
    project.db.close()
  })

  it('makes no pair without an HQ answer', async () => {
    const { project, runId } = await setup('no-hq')
    const [sample] = selectSamples(project.db, {})
    answer(project, runId, KEYS[0]!, 'x', 1)
    expect(buildPairsForSample(project.db, runId, sample!, 'label-free')).toEqual([])
    project.db.close()
  })
})

describe('ensureVariants', () => {
  it('renders each recipe once and records its PSNR/SSIM', async () => {
    const { project } = await setup('variants')
    const [sample] = selectSamples(project.db, {})
    const image = sample!.images[0]!
    const first = await ensureVariants(project.db, project.mediaDir, image, KEYS)
    const again = await ensureVariants(project.db, project.mediaDir, image, KEYS)
    expect([...again.keys()].sort()).toEqual([...KEYS].sort())
    expect(again.get(KEYS[0]!)).toEqual(first.get(KEYS[0]!))
    const { n } = project.db
      .prepare('SELECT COUNT(*) AS n FROM images WHERE source_id = ? AND psnr > 0 AND ssim > 0')
      .get(image.id) as { n: number }
    expect(n).toBe(3)
    project.db.close()
  })
})
