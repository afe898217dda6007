import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appRoot } from '../../platform/paths'
import { ensureSidecarBinary } from '../../services/inference/sidecar-build'
import { patternPng } from '../../services/inference/test-support/test-images'

const run = promisify(execFile)
const cli = (args: string[]) =>
  run(process.execPath, [join(appRoot(), 'bin', 'delta-studio.js'), ...args], { timeout: 120_000 })
const dir = mkdtempSync(join(tmpdir(), 'inference-cli-'))

describe('delta-studio model make-test / infer / sidecar path (real CLI, real llama-server)', () => {
  beforeAll(async () => {
    await ensureSidecarBinary()
  }, 30 * 60_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the test model pair and answers about two PNGs with tokens and logprobs', async () => {
    const made = JSON.parse(
      (await cli(['model', 'make-test', join(dir, 'm'), '--seed', '3', '--json'])).stdout
    )
    expect(made).toEqual({
      model: join(dir, 'm', 'tiny-text.gguf'),
      mmproj: join(dir, 'm', 'tiny-mmproj.gguf')
    })
    writeFileSync(join(dir, 'a.png'), await patternPng(1))
    writeFileSync(join(dir, 'b.png'), await patternPng(2))
    const { stdout } = await cli([
      'infer',
      ...['--model', made.model, '--mmproj', made.mmproj],
      ...['--image', join(dir, 'a.png'), '--image', join(dir, 'b.png')],
      ...[
        '--question',
        'Which one is sharper?',
        '--max-tokens',
        '4',
        '--top-logprobs',
        '3',
        '--json'
      ]
    ])
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({ completion_tokens: expect.any(Number), is_test_model: true })
    expect(out.completion_tokens).toBeGreaterThan(0)
    expect(out.prompt_tokens).toBeGreaterThan(32)
    expect(typeof out.text).toBe('string')
    expect(out.logprobs.length).toBeGreaterThan(0)
    expect(out.logprobs[0].top_logprobs).toHaveLength(3)
  })

  it('prints the binary it would use', async () => {
    const resolved = JSON.parse((await cli(['sidecar', 'path', '--json'])).stdout)
    expect(resolved).toMatchObject({ path: (await ensureSidecarBinary()).path })
  })

  it('exits 1 with a clear message when the image file is missing', async () => {
    const error = await cli([
      'infer',
      '--model',
      'x.gguf',
      '--image',
      join(dir, 'none.png'),
      '--question',
      'q'
    ]).catch((e: { code: number; stderr: string }) => e)
    expect(error).toMatchObject({ code: 1 })
    expect((error as { stderr: string }).stderr).toMatch(/none\.png/)
  })
})
