import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appRoot } from '../../platform/paths'
import { ensureSidecarBinary } from '../../services/inference/sidecar-build'

const run = promisify(execFile)
const root = mkdtempSync(join(tmpdir(), 'compose-cli-'))
beforeAll(() => ensureSidecarBinary(), 900_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(appRoot(), 'bin', 'delta-studio.js'), ...args],
      { maxBuffer: 64 * 1024 * 1024 }
    )
    return { stdout, stderr, code: 0 }
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code }
  }
}

type Figures = { samples: number; pairs: number; composed_samples: number }
type Stats = {
  by_tier: Record<string, number>
  by_tier_detail: Record<
    '1' | '2' | '3',
    Figures & { flip_rate: { compared: number }; accuracy: { graded: number } }
  >
  by_layout: Record<'sequence' | 'grid' | 'pip', Figures>
}
const lastJson = <T = Record<string, unknown>>(stdout: string): T =>
  JSON.parse(stdout.trim().split('\n').at(-1) as string) as T

describe('demo → compose → generate --test-model → stats', () => {
  it('has samples and pairs in all three tiers and all three layouts', async () => {
    const project = join(root, 'demo')
    expect((await cli('demo', project, '--count', '15', '--json')).code).toBe(0)
    const composed = await cli(
      'compose',
      project,
      '--tiers',
      '1,2,3',
      '--images-per-sample',
      '2-4',
      '--count',
      '6',
      '--seed',
      '3',
      '--json'
    )
    expect(composed.code).toBe(0)
    expect(lastJson(composed.stdout)).toMatchObject({
      status: 'completed',
      composed: 18,
      skipped: 0,
      by_tier: { '1': 6, '2': 6, '3': 6 }
    })
    const generated = await cli(
      'generate',
      project,
      '--test-model',
      '--recipe',
      'downsample:4',
      '--max-tokens',
      '6',
      '--json'
    )
    expect(generated.code).toBe(0)
    expect(lastJson(generated.stdout)).toMatchObject({
      status: 'completed',
      errors: 0,
      test_model: true
    })
    expect(lastJson<{ prompt_pairs: number }>(generated.stdout).prompt_pairs).toBeGreaterThan(0)

    const stats = lastJson<Stats>((await cli('stats', project, '--json')).stdout)
    for (const tier of ['1', '2', '3'] as const) {
      expect(stats.by_tier_detail[tier].composed_samples).toBeGreaterThan(0)
      expect(stats.by_tier_detail[tier].pairs).toBeGreaterThan(0)
      expect(stats.by_tier_detail[tier].flip_rate.compared).toBeGreaterThan(0)
      expect(stats.by_tier_detail[tier].accuracy.graded).toBeGreaterThan(0)
    }
    for (const layout of ['sequence', 'grid', 'pip'] as const) {
      expect(stats.by_layout[layout].samples).toBeGreaterThan(0)
      expect(stats.by_layout[layout].pairs).toBeGreaterThan(0)
    }
    expect(stats.by_tier).toEqual({ '1': 15 + 6, '2': 6, '3': 6 })
  }, 600_000)

  it('refuses bad options and a pool too small, with the reason', async () => {
    const project = join(root, 'small')
    await cli('demo', project, '--count', '3', '--json')
    const small = await cli('compose', project, '--images-per-sample', '4-5', '--json')
    expect(small.code).toBe(1)
    expect(lastJson(small.stdout)).toMatchObject({ status: 'failed' })
    expect(lastJson<{ error: string }>(small.stdout).error).toMatch(
      /pool holds 3 single-image samples; 4 images per sample need at least 4/
    )
    const badLayout = await cli('compose', project, '--layouts', 'mosaic')
    expect(badLayout.stderr).toMatch(/unknown layout mosaic/)
    const tooMany = await cli('compose', project, '--images-per-sample', '2-12')
    expect(tooMany.code).toBe(1)
    expect(tooMany.stderr).toMatch(/maxImages/)
  }, 120_000)
})
