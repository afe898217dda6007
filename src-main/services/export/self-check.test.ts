import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import type { ProjectHandle } from '../../project/project-folder'
import { runExport } from './run-export'
import { selfCheck } from './self-check'
import { seedMixedProject, tempProject } from './test-support/seed-project'

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
})
