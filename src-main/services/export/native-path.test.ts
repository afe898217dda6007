import { afterEach, describe, expect, it } from 'vitest'

import { deltaExportExtension } from '../../native/delta-export-extension'
import type { ProjectHandle } from '../project/project-folder'
import { exportTrl } from './test-support/export-trl'
import {
  addImage,
  addPair,
  makePng,
  seedMixedProject,
  tempProject
} from './test-support/seed-project'

let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  project = null
})

describe('the native TRL path', () => {
  it('writes the same bytes as the JavaScript path, awkward texts, trims and bad UTF-8 included', async () => {
    expect(deltaExportExtension()).not.toBeNull()
    project = tempProject()
    await seedMixedProject(project)
    const image = await addImage(project, await makePng(42))
    const awkward = [
      ['Say "hi" \\ \n\t<image> ünïcödé 🐱 \u2028', '\u0000\u001f control', 'fine'],
      ['Trimmed alike?', '  same\u3000', '\ufeffsame\n'],
      ['Lone surrogate?', 'a \ud800 b', 'c'],
      ['Bad bytes?', 'patched below', 'ok']
    ]
    const ids = awkward.map(([question, chosen, rejected]) =>
      addPair(project as ProjectHandle, {
        question: question as string,
        chosen: chosen as string,
        rejected: rejected as string,
        imageIds: [image.id]
      })
    )
    // Bytes that are not UTF-8, as another tool could leave them in the database.
    project.db
      .prepare(`UPDATE pair_texts SET chosen_text = CAST(x'61ff62' AS TEXT) WHERE pair_id = ?`)
      .run(ids[3])

    for (const options of [{}, { order: 'curriculum', promptImage: 'lq' }, { dedupe: false }]) {
      const tag = JSON.stringify(options).replace(/\W/g, '')
      const native = await exportTrl(project, `native-${tag}`, true, options)
      const js = await exportTrl(project, `js-${tag}`, false, options)
      expect(native.lines).toBe(js.lines)
      expect(native.records).toBe(js.records)
      expect(native.skipped).toEqual(js.skipped)
    }
    const deduped = await exportTrl(project, 'deduped', true)
    expect(deduped.skipped).toContain('chosen and rejected are identical')
    expect(deduped.lines).toContain('a\ufffdb')
  })
})
