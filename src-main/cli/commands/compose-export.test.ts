import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CompositionDto } from '../../../src-shared/contract/compose'
import { ComposeParams } from '../../../src-shared/contract/compose'
import { appRoot } from '../../platform/paths'
import { runCompose } from '../../services/compose/run-compose'
import { fillDemoProject } from '../../services/demo/demo-dataset'
import type { JobContext } from '../../services/jobs/job-kind'
import { openProjectFolder } from '../../services/project/project-folder'
import { storeFor } from '../../store/store'

/**
 * Composed (multi-image) pairs through the `export` command, read back from the files: these
 * tests hold whichever exporter writes them.
 */
const run = promisify(execFile)
const root = mkdtempSync(join(tmpdir(), 'compose-export-'))
const projectDir = join(root, 'project')
let compositions: CompositionDto[] = []
/** Pair id → its composition, for the pairs on composed samples. */
const pairOf = new Map<number, CompositionDto>()

beforeAll(async () => {
  const project = openProjectFolder(projectDir, { create: 'if-missing' })
  await fillDemoProject(project, { seed: 8, count: 12 })
  const params = ComposeParams.parse({
    layouts: ['sequence'],
    count: 3,
    seed: 2,
    minImages: 3,
    maxImages: 4
  })
  const ctx = {
    jobId: 'compose-test',
    params,
    project,
    signal: new AbortController().signal,
    resumed: false,
    setTotal: () => undefined,
    setDone: () => undefined,
    advance: () => undefined,
    setMessage: () => undefined,
    recordError: (item: string, reason: string) => {
      throw new Error(`${item}: ${reason}`)
    },
    setStats: () => undefined
  } satisfies JobContext<ComposeParams>
  await runCompose(ctx)
  const store = storeFor(project.db)
  compositions = store.compositions.list({}, 100).rows
  // One pair per composed sample, as generate makes them, and one on a plain sample.
  for (const c of compositions) {
    const { id } = store.pairs.create({
      sampleId: c.sampleId,
      origin: 'prompt-complexity',
      chosenText: `right ${c.sampleId}`,
      rejectedText: `wrong ${c.sampleId}`,
      status: 'accepted'
    })
    pairOf.set(id, c)
  }
  store.pairs.create({
    sampleId: 1,
    origin: 'visual-delta',
    chosenText: 'a',
    rejectedText: 'b',
    status: 'accepted'
  })
  project.db.close()
}, 120_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function exportAs(format: string, name: string, ...extra: string[]): Promise<string> {
  const out = join(root, name)
  await run(process.execPath, [
    join(appRoot(), 'bin', 'delta-studio.js'),
    'export',
    projectDir,
    '--format',
    format,
    '--out',
    out,
    '--json',
    ...extra
  ])
  return out
}

const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

type TrlPrompt = Array<{ content: Array<{ type: string; text?: string }> }>
const promptText = (row: Record<string, unknown>): string =>
  (row.prompt as TrlPrompt)[0]!.content.at(-1)!.text ?? ''

const imageShas = (paths: unknown) =>
  (paths as string[]).map((p) => /([0-9a-f]{64})\.\w+$/.exec(p)?.[1])

/** The composition a row belongs to, found by its question and image list. */
function compositionOf(
  question: string,
  shas: Array<string | undefined>
): CompositionDto | undefined {
  return compositions.find(
    (c) =>
      question.endsWith(c.question) &&
      JSON.stringify(c.images.map((i) => i.sha256)) === JSON.stringify(shas)
  )
}

describe('exporting composed multi-image pairs', () => {
  it('writes TRL rows with one image part per image, in the prompt order', async () => {
    const rows = jsonl(join(await exportAs('trl', 'trl'), 'train.jsonl'))
    const hard = compositions.filter((c) => c.tier >= 2)
    expect(hard.length).toBeGreaterThan(0)
    expect(hard.every((c) => c.images.length >= 3)).toBe(true)
    for (const c of hard) {
      const row = rows.find((r) => compositionOf(promptText(r), imageShas(r.images)) === c)
      expect(row, `TRL row of composed sample ${c.sampleId}`).toBeDefined()
      const content = (row!.prompt as Array<{ content: Array<{ type: string }> }>)[0]!.content
      expect(content.filter((p) => p.type === 'image')).toHaveLength(c.images.length)
      expect(row!.tier).toBe(c.tier)
    }
  })

  it('writes LLaMA-Factory rows with one <image> per image, the same images as TRL', async () => {
    const out = await exportAs('llamafactory', 'lf')
    const rows = jsonl(join(out, 'delta_studio_train.jsonl'))
    const trl = jsonl(join(root, 'trl', 'train.jsonl'))
    for (const c of compositions.filter((x) => x.tier >= 2)) {
      const row = rows.find((r) => {
        const value = (r.conversations as Array<{ value: string }>)[0]!.value
        return compositionOf(value, imageShas(r.images)) === c
      })
      expect(row, `LLaMA-Factory row of composed sample ${c.sampleId}`).toBeDefined()
      const value = (row!.conversations as Array<{ value: string }>)[0]!.value
      expect(value.match(/<image>/g)).toHaveLength(c.images.length)
      const twin = trl.find((r) => r.id === row!.id)
      expect(twin && imageShas(twin.images)).toEqual(imageShas(row!.images))
    }
  })

  it('leaves them out of RLAIF-V and names each in the manifest', async () => {
    const out = await exportAs('rlaif-v', 'rlaif')
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      records: number
      skipped: { items: Array<{ pairId: number; reason: string }> }
    }
    const multi = [...pairOf].filter(([, c]) => c.images.length > 1).map(([id]) => id)
    for (const id of multi) {
      expect(manifest.skipped.items).toContainEqual({
        pairId: id,
        reason: expect.stringMatching(/RLAIF-V holds one image per row/)
      })
    }
    expect(manifest.records).toBe(pairOf.size + 1 - multi.length)
  })

  it('orders tier 1 → 3 with --order curriculum, and mixes them by default', async () => {
    const tiers = (rows: Array<Record<string, unknown>>) => rows.map((r) => r.tier as number)
    const curriculum = tiers(
      jsonl(join(await exportAs('trl', 'curriculum', '--order', 'curriculum'), 'train.jsonl'))
    )
    expect(curriculum).toEqual([...curriculum].sort())
    expect(new Set(curriculum)).toEqual(new Set([1, 2, 3]))
    const mixedDir = join(root, 'trl')
    const mixed = tiers(jsonl(join(mixedDir, 'train.jsonl')))
    expect(mixed).not.toEqual([...mixed].sort())
    expect(JSON.parse(readFileSync(join(mixedDir, 'manifest.json'), 'utf8')).options.order).toBe(
      'mixed'
    )
    const mixedCard = readFileSync(join(mixedDir, 'README.md'), 'utf8')
    expect(mixedCard).toMatch(/Order: \*\*mixed\*\*/)
    expect(mixedCard).toMatch(/\| 3 \| \d+ \| global visual search/)
    const curriculumCard = readFileSync(join(root, 'curriculum', 'README.md'), 'utf8')
    expect(curriculumCard).toMatch(/Order: \*\*curriculum\*\*. Rows run simple to hard/)
    expect(curriculumCard).toMatch(/sequential sampler/)
  })
})
