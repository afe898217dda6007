import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appRoot } from '../../platform/paths'
import { openProjectFolder } from '../project/project-folder'
import { storeFor } from '../../store/store'
import { JobsRepo } from '../../store/jobs-repo'
import { patternPng } from '../inference/test-support/test-images'
import { createDemoProject } from '../demo/demo-dataset'

const run = promisify(execFile)
// Each test starts the CLI (tsx) and a llama-server: minutes on a busy 2-core machine.
const CLI_TIMEOUT = 300_000
const root = mkdtempSync(join(tmpdir(), 'judge-cli-'))
const project = join(root, 'demo')
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      join(appRoot(), 'bin', 'delta-studio.js'),
      ...args
    ])
    return { stdout, stderr, code: 0 }
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code }
  }
}
const lastJson = (stdout: string) =>
  JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>

function withStore<T>(fn: (store: ReturnType<typeof storeFor>) => T): T {
  const handle = openProjectFolder(project, { create: 'never' })
  try {
    return fn(storeFor(handle.db))
  } finally {
    handle.db.close()
  }
}

beforeAll(async () => {
  await createDemoProject(project, { seed: 5, count: 4 })
  withStore((store) => {
    const samples = store.db.prepare('SELECT id FROM samples ORDER BY id').pluck().all() as number[]
    samples.forEach((sampleId, i) =>
      store.pairs.create({
        sampleId,
        origin: 'manual',
        chosenText: `The answer is ${i}.`,
        rejectedText: `I cannot tell, maybe ${i + 1}?`,
        tier: i < 3 ? 1 : 2
      })
    )
  })
}, 120_000)

describe('judge command (real sidecar, tiny test VLM)', { timeout: CLI_TIMEOUT }, () => {
  it('audits the filtered pairs in both orders, stores both one-order scores, and resumes', async () => {
    const r = await cli(
      'judge',
      project,
      '--pairs',
      'tier=1',
      '--test-model',
      '--top-logprobs',
      '259',
      '--json'
    )
    expect(r.code, r.stderr).toBe(0)
    const summary = lastJson(r.stdout)
    expect(summary).toMatchObject({
      status: 'completed',
      judged: 3,
      no_verdict: 0,
      test_model: true
    })
    withStore((store) => {
      const ids = store.db.prepare('SELECT id FROM pairs ORDER BY id').pluck().all() as number[]
      let reversed = 0
      for (const id of ids.slice(0, 3)) {
        const j = store.judgements.get(id)!
        expect(j.model).toMatch(/test model/)
        // The stored score is the both-order average, in generation slots.
        expect(j.score).toBeCloseTo((j.chosenFirst! + (1 - j.rejectedFirst!)) / 2, 12)
        expect(j.reversed).toBe(j.score! < 0.5)
        if (j.reversed) reversed++
        expect(store.pairs.dtos([id])[0]!.judgeScore).toBeCloseTo(j.score!, 12)
      }
      expect(summary.reversed).toBe(reversed)
      // The tier-2 pair was outside the filter.
      expect(store.judgements.get(ids[3]!)).toBeNull()
    })
    const again = await cli(
      'judge',
      project,
      '--pairs',
      'tier=1',
      '--test-model',
      '--top-logprobs',
      '259',
      '--json'
    )
    expect(lastJson(again.stdout)).toMatchObject({ status: 'completed', judged: 0 })
  })
})

describe('rank command (real sidecar, tiny test VLM)', { timeout: CLI_TIMEOUT }, () => {
  it('ranks each prompt (a tournament for many images), keeps the wins matrix and best-vs-worst pairs', async () => {
    const dir = join(root, 'prompts')
    mkdirSync(dir, { recursive: true })
    for (let i = 0; i < 14; i++) writeFileSync(join(dir, `${i}.png`), await patternPng(i))
    writeFileSync(join(root, 'outside.png'), await patternPng(99))
    const set = [
      { prompt: 'three cats', images: ['0.png', '1.png', '2.png'] },
      { prompt: 'fourteen birds', images: Array.from({ length: 14 }, (_, i) => `${i}.png`) },
      { prompt: 'one image', images: ['0.png'] },
      { prompt: 'escapes', images: ['0.png', '../outside.png'] }
    ]
    const file = join(dir, 'set.json')
    writeFileSync(file, JSON.stringify(set))
    const r = await cli(
      'rank',
      project,
      '--prompt-set',
      file,
      '--test-model',
      '--top-logprobs',
      '259',
      '--json'
    )
    expect(r.code, r.stderr).toBe(0)
    const summary = lastJson(r.stdout)
    expect(summary).toMatchObject({ status: 'completed', rankings: 2, image_pairs: 2 })
    const errors = withStore(
      (store) => new JobsRepo(store.db).errors(summary.job as string, 0, 1000).items
    )
    expect(errors).toHaveLength(summary.errors as number)
    expect(errors.find((e) => e.item === 'prompt 3')!.reason).toMatch(/a ranking needs at least 2/)
    expect(errors.find((e) => e.item === 'prompt 4')!.reason).toMatch(/outside the source folder/)
    // Every other error is a comparison without a verdict (the tiny model's first token can be
    // an unfinished UTF-8 byte, which the server sends without logprobs), and is counted.
    withStore((store) => {
      const list = store.rankings.list(10)
      expect(list.map((x) => x.prompt).sort()).toEqual(['fourteen birds', 'three cats'])
      const big = store.rankings.get(list.find((x) => x.images === 14)!.id)!
      // Beyond 12 images: a 6-regular tournament, 14·6/2 comparisons instead of 91.
      expect(big.comparisons).toBe(42)
      expect(big.ranked.map((x) => x.rank)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1))
      expect(big.ranked[0]!.score).toBeGreaterThanOrEqual(big.ranked[13]!.score)
      expect(big.wins).toHaveLength(14)
      const small = store.rankings.get(list.find((x) => x.images === 3)!.id)!
      expect(big.noVerdict + small.noVerdict).toBe(errors.length - 2)
      // Each comparison with a verdict shares one soft win between its two images.
      const total = big.wins.flat().reduce((a, b) => a + b, 0)
      expect(total).toBeGreaterThan(42 - big.noVerdict - 1e-9)
      expect(total).toBeLessThanOrEqual(42 + 1e-9)
      expect(big.pairs).toHaveLength(1)
      expect(big.pairs[0]!.chosen).toBe(big.ranked[0]!.position)
      expect(big.pairs[0]!.rejected).toBe(big.ranked[13]!.position)
      expect(big.pairs[0]!.margin).toBeCloseTo(big.ranked[0]!.score - big.ranked[13]!.score, 12)
      expect(store.rankings.imagePairCount()).toBe(2)
    })
  })
})
