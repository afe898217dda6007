import { afterEach, describe, expect, it } from 'vitest'

import { ExportOptionsInput } from '../../src-shared/contract/exports'
import type { ProjectHandle } from '../services/project/project-folder'
import { seedMixedProject, tempProject } from '../services/datasets/test-support/seed-project'
import { iterateExportPairs, openExportReader } from './export-pairs'

let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  project = null
})

const read = (p: ProjectHandle, input: Record<string, unknown>): number[] => {
  const reader = openExportReader(p.db)
  try {
    const options = ExportOptionsInput.parse({ format: 'trl', ...input })
    return [...iterateExportPairs(reader, options)].map((row) => row[0])
  } finally {
    reader.close()
  }
}

describe('iterateExportPairs', () => {
  it('applies the pair filter and the status choice together, in id order', async () => {
    project = tempProject()
    const { pairIds } = await seedMixedProject(project)
    const [sky, cats, dog, car, rain, table, pending, rejected, duplicate] = pairIds
    expect(read(project, {})).toEqual([sky, cats, dog, car, rain, table, duplicate])
    expect(read(project, { filter: { tiers: [2, 3] } })).toEqual([dog, car])
    expect(read(project, { status: 'all', filter: { statuses: ['pending', 'rejected'] } })).toEqual(
      [pending, rejected]
    )
    // accepted ∩ pending is empty.
    expect(read(project, { filter: { statuses: ['pending'] } })).toEqual([])
    expect(read(project, { filter: { edited: true } })).toEqual([rain])
    expect(read(project, { filter: { text: 'table' } })).toEqual([table])
  })
})
