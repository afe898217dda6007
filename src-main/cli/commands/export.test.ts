import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { seedMixedProject, tempProject } from '../../services/datasets/test-support/seed-project'

const run = promisify(execFile)
const BIN = resolve(__dirname, '../../../bin/delta-studio.js')

describe('delta-studio export', () => {
  it('exports, prints {"records","path","formats"} last, and imports the result back', async () => {
    const project = tempProject()
    await seedMixedProject(project)
    project.db.close()
    const out = join(dirname(project.dir), 'cli-out')
    const args = ['export', project.dir, '--format', 'rlaif-v', '--out', out, '--split', '0.5']
    const { stdout } = await run('node', [BIN, ...args, '--order', 'curriculum', '--json'])
    const last = JSON.parse(stdout.trim().split('\n').at(-1) as string)
    expect(last).toEqual({ records: 4, path: out, formats: ['rlaif-v'] })
    expect(existsSync(join(out, 'manifest.json'))).toBe(true)

    const again = await run('node', [BIN, ...args, '--json']).catch((e: { stderr: string }) => e)
    expect((again as { stderr: string }).stderr).toMatch(/already exists and is not empty/)

    const imported = await run('node', [BIN, 'import-dataset', project.dir, out, '--json'])
    expect(JSON.parse(imported.stdout.trim())).toMatchObject({
      format: 'rlaif-v',
      rows: 4,
      duplicates: 4
    })
  }, 120_000)
})
