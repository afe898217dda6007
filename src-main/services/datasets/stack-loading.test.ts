import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { EXPORT_FORMATS } from '../../../src-shared/contract/exports'
import type { ExportFormat } from '../../../src-shared/contract/exports'
import { appRoot } from '../../platform/paths'
import { createDemoProject } from '../demo/demo-dataset'
import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { runExport } from './export/run-export'
import { selfCheck } from './export/self-check'
import { importDataset } from './import/import-dataset'
import { seedHostileProject } from './test-support/seed-hostile'
import { tempProject } from './test-support/seed-project'

// Exports from the demo, from a round trip, and from hostile rows, checked with `selfCheck`
// given no hint: every row goes through its format's rules and its stack's loading rules
// (`LOAD_CHECKS`), the Parquet features are compared with the schema, and every image is
// decoded and must be in a format Pillow opens.

const open: ProjectHandle[] = []
afterEach(() => {
  for (const project of open.splice(0)) project.db.close()
})

function fresh(): ProjectHandle {
  const project = tempProject()
  open.push(project)
  return project
}

/** Questions of the pairs an export took, as stored (the texts a round trip must give back). */
function exportedQuestions(project: ProjectHandle, pairIds: number[]): string[] {
  const rows = project.db
    .prepare(
      `SELECT s.question FROM pairs p JOIN samples s ON s.id = p.sample_id
        WHERE p.id IN (SELECT value FROM json_each(?))`
    )
    .pluck()
    .all(JSON.stringify(pairIds)) as string[]
  return [...new Set(rows)].sort()
}

function storedQuestions(project: ProjectHandle): string[] {
  const rows = project.db.prepare('SELECT question FROM samples').pluck().all() as string[]
  return [...new Set(rows)].sort()
}

/** The pair ids an export of `format` takes: every pair but those its manifest skipped. */
function takenPairIds(project: ProjectHandle, skipped: number[]): number[] {
  const all = project.db.prepare("SELECT id FROM pairs WHERE status = 'accepted'").pluck().all()
  return (all as number[]).filter((id) => !skipped.includes(id))
}

/**
 * Exports `format`, checks it loads, imports it into a new project, checks every question came
 * back byte for byte, exports the round trip and checks that loads too.
 */
async function exportRoundTripAndCheck(
  project: ProjectHandle,
  format: ExportFormat,
  options: Record<string, unknown> = {}
) {
  const out = join(dirname(project.dir), `out-${format}`)
  const result = await runExport(project, out, { format, split: 0.7, ...options })
  expect((await selfCheck(out)).problems).toEqual([])

  const second = fresh()
  const imported = await importDataset(second, out, { status: 'accepted' })
  expect(imported.errors).toEqual([])
  const skipped = result.manifest.skipped.items.map((item) => item.pairId)
  expect(storedQuestions(second)).toEqual(
    exportedQuestions(project, takenPairIds(project, skipped))
  )

  const again = join(dirname(second.dir), `again-${format}`)
  const round = await runExport(second, again, { format, split: 0.7, ...options })
  expect(round.records).toBe(result.records)
  expect((await selfCheck(again)).problems).toEqual([])
  return result
}

describe('exports load under each stack’s rules', () => {
  it.each(EXPORT_FORMATS)('hostile rows: %s', async (format) => {
    const project = fresh()
    await seedHostileProject(project)
    const result = await exportRoundTripAndCheck(project, format, { dedupe: false })
    const { manifest } = result
    const reasons = manifest.skipped.items.map((item) => item.reason)
    expect(reasons).toContain('chosen and rejected are the same text')
    expect(reasons).toContain('the rejected answer is empty')
    const warnings = Object.fromEntries(manifest.warnings.map((w) => [w.kind, w]))
    const multi = format === 'rlaif-v' ? 0 : 1
    // Tokens: question, answers, multi-image, leading newline.
    expect(warnings['media-tokens']?.records).toBe(3 + multi)
    expect(warnings['control-characters']?.records).toBe(1)
    // The store already turned the lone surrogates into U+FFFD.
    expect(warnings['replacement-characters']?.records).toBe(1)
    expect(warnings['converted-images']).toMatchObject({ images: 1 })
    expect(manifest.images.converted).toEqual({ to: 'png', from: { heif: 1 } })
    expect(manifest.textPolicy?.mediaTokens).toBe('word-joiner')
    if (format === 'rlaif-v') {
      expect(reasons).toContain('RLAIF-V holds one image per row; this record has 2')
    }
    if (format === 'trl' || format === 'llamafactory') {
      const files = readdirSync(join(result.path, 'images'))
      expect(files.filter((name) => !name.endsWith('.png'))).toEqual([])
    }
    expect(result.records).toBe(6 + multi)
  })

  describe('the demo, generated by the test model', () => {
    let demo: ProjectHandle
    beforeAll(async () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'ds-demo-')), 'demo')
      await createDemoProject(dir, { seed: 5, count: 4 })
      const cli = join(appRoot(), 'bin', 'delta-studio.js')
      const args = ['generate', dir, '--test-model', '--max-tokens', '8', '--json']
      await promisify(execFile)(process.execPath, [cli, ...args])
      demo = openProjectFolder(dir, { create: 'never' })
      demo.db.prepare("UPDATE pairs SET status = 'accepted'").run()
    }, 300_000)
    afterAll(() => demo.db.close())

    it.each(EXPORT_FORMATS)('%s', async (format) => {
      const result = await exportRoundTripAndCheck(demo, format)
      expect(result.records).toBeGreaterThan(0)
    })
  })
})
