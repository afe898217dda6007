import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import type { ProjectHandle } from '../../project/project-folder'
import { runExport } from './run-export'
import { MANIFEST_FILE } from './manifest'
import type { Manifest } from './manifest'
import { selfCheck } from './self-check'
import { seedMixedProject, tempProject } from '../test-support/seed-project'

let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  project = null
})

async function exported(format: 'trl' | 'llamafactory'): Promise<string> {
  project = tempProject()
  await seedMixedProject(project)
  const out = join(dirname(project.dir), format)
  await runExport(project, out, { format })
  return out
}

function editLines(file: string, edit: (row: Record<string, unknown>, i: number) => unknown): void {
  const lines = readFileSync(file, 'utf8').trim().split('\n')
  writeFileSync(file, `${lines.map((l, i) => JSON.stringify(edit(JSON.parse(l), i))).join('\n')}\n`)
}

describe('selfCheck', () => {
  it('reports a TRL row whose placeholders do not match its images', async () => {
    const out = await exported('trl')
    editLines(join(out, 'train.jsonl'), (row, i) =>
      i === 0 ? { ...row, images: [...(row.images as string[]), (row.images as string[])[0]] } : row
    )
    const report = await selfCheck(out)
    expect(report.ok).toBe(false)
    expect(report.problems).toContainEqual(
      expect.stringMatching(/train\.jsonl row 1: \d+ image placeholders but \d+ images/)
    )
    // The edit changed the file, so its manifest entry no longer matches either.
    expect(report.problems).toContainEqual(
      expect.stringMatching(/^train\.jsonl has \d+ bytes, manifest says \d+$/)
    )
  })

  it('reports roles that do not alternate and a missing image file', async () => {
    const out = await exported('llamafactory')
    editLines(join(out, 'delta_studio_train.jsonl'), (row, i) =>
      i === 1
        ? {
            ...row,
            conversations: [...(row.conversations as unknown[]), { from: 'human', value: 'again' }]
          }
        : i === 2
          ? { ...row, images: ['images/missing.png'] }
          : row
    )
    const report = await selfCheck(out)
    expect(report.problems).toContainEqual(
      'delta_studio_train.jsonl row 2: turn 2 is "human", expected "gpt"'
    )
    expect(report.problems).toContainEqual(
      'delta_studio_train.jsonl row 3: image file images/missing.png does not exist'
    )
  })

  it('reports a row count that differs from the manifest', async () => {
    const out = await exported('trl')
    const file = join(out, 'train.jsonl')
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(1).join('\n'))
    const report = await selfCheck(out)
    expect(report.problems).toContainEqual('train.jsonl: 5 rows, manifest says 6')
  })

  it('proves verbatim content by its hash, and decodes the rest', async () => {
    const out = await exported('trl')
    const listed = (JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as Manifest).files
      .filter((file) => file.path.startsWith('images/'))
      .map((file) => file.sha256)
    const byHash = await selfCheck(out, { verbatim: new Set(listed) })
    expect(byHash.ok).toBe(true)
    expect(byHash.imagesChecked).toBe(listed.length)
    expect(byHash.imagesDecoded).toBe(0)
    const decoded = await selfCheck(out)
    expect(decoded.ok).toBe(true)
    expect(decoded.imagesDecoded).toBe(listed.length)
  })

  it('reports an image whose bytes are not the listed content, even content known to decode', async () => {
    const out = await exported('trl')
    const [first, second] = readdirSync(join(out, 'images'))
    // A valid image, but another one: only its hash can tell.
    writeFileSync(
      join(out, 'images', first as string),
      readFileSync(join(out, 'images', second as string))
    )
    const verbatim = new Set(readdirSync(join(out, 'images')).map((name) => name.slice(0, 64)))
    const report = await selfCheck(out, { verbatim })
    expect(report.problems).toContainEqual(
      expect.stringMatching(
        new RegExp(`image images/${first}( does not match its SHA-256 in the manifest)$`)
      )
    )
  })

  it('decodes listed content that is not known to decode, and reports what does not decode', async () => {
    const out = await exported('trl')
    const [victim] = readdirSync(join(out, 'images'))
    // The real image cut short into its pixel data (past the 12-byte end chunk, which PNG
    // readers forgive): only a decode that reads the compressed data to its end can tell.
    const whole = readFileSync(join(out, 'images', victim as string))
    const broken = whole.subarray(0, whole.length - 20)
    writeFileSync(join(out, 'images', victim as string), broken)
    // The manifest lists the broken bytes, as it would for a source that was broken already.
    const manifestFile = join(out, MANIFEST_FILE)
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      files: Array<{ path: string; sha256: string; bytes: number }>
    }
    const entry = manifest.files.find((file) => file.path === `images/${victim}`)
    if (!entry) throw new Error('the image is not in the manifest')
    entry.sha256 = createHash('sha256').update(broken).digest('hex')
    entry.bytes = broken.length
    writeFileSync(manifestFile, JSON.stringify(manifest))
    const report = await selfCheck(out)
    expect(report.problems).toContainEqual(
      expect.stringMatching(new RegExp(`image images/${victim} does not decode`))
    )
    expect(report.imagesDecoded).toBe(report.imagesChecked)
  })
})
