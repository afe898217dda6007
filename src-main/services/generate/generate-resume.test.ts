import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appRoot } from '../../platform/paths'
import { openDatabase } from '../../db/open-database'
import { ensureSidecarBinary } from '../inference/sidecar-build'
import { createDemoProject } from '../demo/demo-dataset'

const root = mkdtempSync(join(tmpdir(), 'gen-resume-'))
const project = join(root, 'demo')
const SAMPLES = 6
const VARIANTS = 3 // hq + two recipes
const ARGS = ['--test-model', '--recipe', 'downsample:2', '--recipe', 'downsample:4']
const ARGS_TAIL = ['--max-tokens', '24', '--parallel', '2', '--json']

beforeAll(async () => {
  await ensureSidecarBinary()
  await createDemoProject(project, { seed: 3, count: SAMPLES })
}, 900_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

function cli(): { pid: number; done: Promise<{ code: number | null; stdout: string }> } {
  const child = spawn(
    process.execPath,
    [join(appRoot(), 'bin', 'delta-studio.js'), 'generate', project, ...ARGS, ...ARGS_TAIL],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.resume()
  const done = new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout }))
  )
  return { pid: child.pid!, done }
}

/** Child processes of `pid` (the sidecar), read from /proc: they outlive a SIGKILLed parent. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)
}

function counts() {
  const db = openDatabase(join(project, 'studio.db'), { readonly: true })
  try {
    return db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM responses) AS responses,
                (SELECT COUNT(DISTINCT sample_id || ':' || variant_key) FROM responses) AS distinct_responses,
                (SELECT COUNT(*) FROM runs) AS runs,
                (SELECT COUNT(*) FROM pairs) AS pairs,
                (SELECT COUNT(DISTINCT chosen_response_id || ':' || rejected_response_id) FROM pairs) AS distinct_pairs,
                (SELECT GROUP_CONCAT(id || ':' || status) FROM jobs) AS jobs`
      )
      .get() as Record<string, number | string>
  } finally {
    db.close()
  }
}

describe('generate after SIGKILL', () => {
  it('resumes the same job and run with no duplicated and no missing responses', async () => {
    const first = cli()
    // Kill it once some, but not all, responses are committed.
    for (let i = 0; i < 2400; i++) {
      await new Promise((r) => setTimeout(r, 50))
      // The database may not exist yet, or be mid-migration, in the first moments.
      const seen = (() => {
        try {
          return Number(counts().responses)
        } catch {
          return 0
        }
      })()
      if (seen >= 3) break
    }
    const sidecars = childrenOf(first.pid)
    process.kill(first.pid, 'SIGKILL')
    for (const pid of sidecars) process.kill(pid, 'SIGKILL')
    await first.done
    const killed = counts()
    expect(Number(killed.responses)).toBeGreaterThanOrEqual(3)
    expect(Number(killed.responses)).toBeLessThan(SAMPLES * VARIANTS)
    expect(String(killed.jobs)).toMatch(/:running$/)
    const db = openDatabase(join(project, 'studio.db'), { readonly: true })
    const before = db.prepare('SELECT id, sample_id, variant_key, text FROM responses').all()
    db.close()

    const second = cli()
    const { code, stdout } = await second.done
    expect(code).toBe(0)
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>
    expect(summary).toMatchObject({
      status: 'completed',
      responses: SAMPLES * VARIANTS,
      errors: 0
    })
    const after = counts()
    expect(after).toMatchObject({
      responses: SAMPLES * VARIANTS,
      distinct_responses: SAMPLES * VARIANTS,
      runs: 1,
      jobs: `${String(summary.job)}:completed`
    })
    expect(after.pairs).toBe(after.distinct_pairs)
    expect(summary.pairs).toBe(after.pairs)
    // Committed work survived untouched: the resumed job did not ask those again.
    const kept = openDatabase(join(project, 'studio.db'), { readonly: true })
    const select = kept.prepare(
      'SELECT id, sample_id, variant_key, text FROM responses WHERE id = ?'
    )
    for (const row of before as Array<{ id: number }>) expect(select.get(row.id)).toEqual(row)
    kept.close()
  }, 600_000)
})
