import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, describe, expect, it } from 'vitest'

import { appRoot } from '../../platform/paths'

const run = promisify(execFile)
const root = mkdtempSync(join(tmpdir(), 'pipeline-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function cli(...args: string[]): Promise<{ stdout: string; code: number; stderr: string }> {
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

const lastJson = (stdout: string): Record<string, unknown> =>
  JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>

describe('demo, import and stats commands', () => {
  it('create the demo, import rows with per-row errors, and report statistics', async () => {
    const project = join(root, 'demo')
    const demo = await cli('demo', project, '--count', '5', '--json')
    expect(demo.code).toBe(0)
    expect(lastJson(demo.stdout)).toEqual({ project, samples: 5 })

    const source = join(root, 'rows.jsonl')
    writeFileSync(source, `${JSON.stringify({ image: 'nope.png', question: 'Q?' })}\nnot json\n`)
    const imported = await cli('import', project, source, '--json')
    expect(imported.code).toBe(0)
    expect(lastJson(imported.stdout)).toMatchObject({
      status: 'completed',
      format: 'vqa-jsonl',
      rows: 2,
      samples: 0,
      errors: 2
    })

    const stats = await cli('stats', project, '--json')
    expect(lastJson(stats.stdout)).toMatchObject({
      samples: 5,
      responses: 0,
      pairs: 0,
      by_tier: { '1': 5, '2': 0, '3': 0 }
    })
  })

  it('fail with a clear message for a folder that holds no project', async () => {
    const result = await cli('stats', join(root, 'missing'), '--json')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/No Delta Studio project in .*missing/)
    const generate = await cli('generate', join(root, 'demo'), '--json')
    expect(generate.code).toBe(1)
    expect(generate.stderr).toMatch(
      /give a model \(with its mmproj\), the test model, or an endpoint/
    )
  })
})
