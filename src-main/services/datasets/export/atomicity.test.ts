import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { mediaFilePath } from '../../../media/media-paths'
import type { ProjectHandle } from '../../project/project-folder'
import { ExportCheckError, runExport } from './run-export'
import { addImage, addPair, makePng, tempProject } from '../test-support/seed-project'

let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  project = null
})

/** 600 accepted pairs over 60 images: more than two write batches. */
async function seedMany(p: ProjectHandle): Promise<Array<{ id: number; sha256: string }>> {
  const images: Array<{ id: number; sha256: string }> = []
  for (let i = 0; i < 60; i++) images.push(await addImage(p, await makePng(i)))
  p.db.transaction(() => {
    for (let i = 0; i < 600; i++) {
      const image = images[i % 60] as { id: number }
      addPair(p, {
        question: `Q${i}?`,
        chosen: `yes ${i}`,
        rejected: `no ${i}`,
        imageIds: [image.id]
      })
    }
  })()
  return images
}

/** Nothing that looks like an export: no target, no staging folder beside it. */
function expectNothingLeft(out: string): void {
  expect(existsSync(out)).toBe(false)
  expect(readdirSync(dirname(out)).filter((name) => name.includes('.partial-'))).toEqual([])
}

describe('export atomicity', () => {
  it.each(['trl', 'trl-parquet'] as const)(
    'a %s export cancelled mid-write leaves nothing',
    async (format) => {
      project = tempProject()
      await seedMany(project)
      const out = join(dirname(project.dir), 'cancelled')
      const controller = new AbortController()
      let batches = 0
      const run = runExport(
        project,
        out,
        { format },
        {
          signal: controller.signal,
          onProgress: (progress) => {
            if (progress.stage === 'write' && ++batches === 1) controller.abort()
          }
        }
      )
      await expect(run).rejects.toMatchObject({ name: 'AbortError' })
      expect(batches).toBe(1)
      expectNothingLeft(out)
      expect(project.db.prepare('SELECT COUNT(*) AS n FROM exports').get()).toEqual({ n: 0 })
    }
  )

  it('an export whose media file vanished mid-export fails naming the image and leaves nothing', async () => {
    project = tempProject()
    await seedMany(project)
    // A tier-3 pair with the highest id: read last, written last in curriculum order.
    const victim = await addImage(project, await makePng(999))
    addPair(project, {
      question: 'Last?',
      chosen: 'a',
      rejected: 'b',
      imageIds: [victim.id],
      tier: 3
    })
    const out = join(dirname(project.dir), 'failed')
    let removed = false
    const run = runExport(
      project,
      out,
      { format: 'trl', order: 'curriculum' },
      {
        onProgress: (progress) => {
          // Remove the file once the export has started (the staging folder exists and copies
          // begin while the plan reads), as a disk error mid-export would.
          if (progress.stage === 'plan' && !removed) {
            rmSync(mediaFilePath((project as ProjectHandle).mediaDir, victim.sha256))
            removed = true
          }
        }
      }
    )
    await expect(run).rejects.toThrow(new RegExp(`image ${victim.sha256} cannot be read`))
    expectNothingLeft(out)
  })

  it('an export with a corrupt image fails its self-check and leaves nothing', async () => {
    project = tempProject()
    const images = await seedMany(project)
    const victim = images[7] as { sha256: string }
    // Same name, truncated bytes: the copy succeeds, but the copied file is not the content the
    // manifest lists under that name.
    writeFileSync(
      mediaFilePath(project.mediaDir, victim.sha256),
      Buffer.from([0x89, 0x50, 0x4e, 0x47])
    )
    const out = join(dirname(project.dir), 'corrupt')
    const error = await runExport(project, out, { format: 'llamafactory' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportCheckError)
    expect((error as ExportCheckError).report.problems.join('\n')).toMatch(
      new RegExp(`images/${victim.sha256}\\.png does not match its SHA-256 in the manifest`)
    )
    expectNothingLeft(out)
  })
})
