import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appRoot } from '../../platform/paths'
import { openProjectFolder } from '../../services/project/project-folder'

const run = promisify(execFile)
const root = mkdtempSync(join(tmpdir(), 'cli-reliability-'))
const project = join(root, 'project')
const locked: string[] = []
afterAll(() => {
  for (const file of locked) execFileSync('chattr', ['-i', file])
  rmSync(root, { recursive: true, force: true })
})

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      join(appRoot(), 'bin', 'delta-studio.js'),
      ...args
    ])
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const STACK_LINE = /\n\s+at .+:\d+:\d+/

let importId = ''
beforeAll(async () => {
  openProjectFolder(project, { create: 'must' }).db.close()
  const source = join(root, 'source')
  mkdirSync(source)
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#08f' } })
    .png()
    .toFile(join(source, 'a.png'))
  writeFileSync(
    join(source, 'rows.jsonl'),
    [
      JSON.stringify({ image: 'a.png', question: 'What colour?' }),
      JSON.stringify({ image: 'nope.png', question: 'Missing?' }),
      '{broken',
      ''
    ].join('\n')
  )
  const imported = await cli('import', project, join(source, 'rows.jsonl'))
  expect(imported.code).toBe(0)
  importId = /(import-[0-9a-f]+)/.exec(imported.stderr)?.[1] ?? ''
  // The human output shows the failed rows with their lines, not just a count.
  expect(imported.stderr).toMatch(/2 rows failed:/)
  expect(imported.stderr).toMatch(/ {2}line 2: image "nope\.png" does not exist/)
  expect(imported.stderr).toMatch(/ {2}line 3: invalid JSON/)
}, 60_000)

describe('CLI: jobs list, show and errors', () => {
  it('lists the jobs of a project, shows one, and lists its errors', async () => {
    const list = await cli('jobs', 'list', project, '--json')
    expect(list.code).toBe(0)
    const jobs = JSON.parse(list.stdout) as Array<{ id: string; status: string }>
    expect(jobs).toEqual([
      expect.objectContaining({ kind: 'import', status: 'completed', errorCount: 2 })
    ])
    const id = jobs[0]!.id
    if (importId) expect(id).toBe(importId)

    const human = await cli('jobs', 'list', project)
    expect(human.stdout).toContain(`${id}  completed`)
    const show = await cli('jobs', 'show', project, id)
    expect(show.stdout).toMatch(/params: \{.*rows\.jsonl/)
    expect(show.stdout).toMatch(/line 2: image "nope\.png" does not exist/)
    const errors = await cli('jobs', 'errors', project, id, '--json')
    expect(JSON.parse(errors.stdout)).toMatchObject({
      total: 2,
      items: expect.arrayContaining([
        expect.objectContaining({ item: 'line 2' }),
        expect.objectContaining({ item: 'line 3' })
      ])
    })
    const missing = await cli('jobs', 'show', project, 'import-00000000')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^delta-studio: no job import-00000000 in this project/)
  }, 120_000)
})

describe('CLI: failures', () => {
  it('perturb --image with an id that names no image fails and says so', async () => {
    const result = await cli('perturb', project, '--recipe', 'blur:2', '--image', '99999')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/perturb failed: no original image with id 99999/)
  }, 60_000)

  it('prints whole-command failures as one clean line, with the stack only under --debug', async () => {
    const odd = join(root, 'rows.xyz')
    writeFileSync(odd, 'x')
    const unterminated = join(root, 'open-quote.csv')
    writeFileSync(unterminated, 'image,question\na.png,"never closed\n')
    const full = join(root, 'full')
    mkdirSync(full)
    writeFileSync(join(full, 'keep.txt'), 'mine')
    const failures = [
      ['import', project, odd],
      ['import', project, unterminated],
      ['export', project, '--format', 'trl', '--out', full],
      ['stats', join(root, 'nowhere')]
    ]
    for (const args of failures) {
      const result = await cli(...args)
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toMatch(/delta-studio: \S/)
      expect(result.stderr, args.join(' ')).not.toMatch(STACK_LINE)
    }
    const debug = await cli('--debug', 'import', project, odd)
    expect(debug.code).toBe(1)
    expect(debug.stderr).toMatch(STACK_LINE)
  }, 120_000)

  it('reads the statistics of a read-only project', async (ctx) => {
    const readOnly = join(root, 'read-only')
    openProjectFolder(readOnly, { create: 'must' }).db.close()
    const file = join(readOnly, 'studio.db')
    try {
      execFileSync('chattr', ['+i', file], { stdio: 'ignore' })
      locked.push(file)
    } catch {
      ctx.skip()
    }
    const stats = await cli('stats', readOnly, '--json')
    expect(stats.stderr).toBe('')
    expect(JSON.parse(stats.stdout)).toMatchObject({ samples: 0 })
    const write = await cli('import', readOnly, join(root, 'source', 'rows.jsonl'))
    expect(write.code).toBe(1)
    expect(write.stderr).toMatch(/The project in .* is read-only \(studio\.db cannot be written\)/)
  }, 60_000)
})
