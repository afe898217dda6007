import { afterEach, describe, expect, it } from 'vitest'

import { ExportOptionsInput } from '../../../src-shared/contract/exports'
import type { ProjectHandle } from '../../project/project-folder'
import { planPairs } from './pair-source'
import { seedMixedProject, tempProject } from './test-support/seed-project'

let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  project = null
})

const planned = async (p: ProjectHandle, input: Record<string, unknown>): Promise<number[]> =>
  (
    await planPairs(p.db, ExportOptionsInput.parse({ format: 'trl', dedupe: false, ...input }))
  ).pairs.map((pair) => pair.pairId)

describe('export filter', () => {
  it('applies the pair filter and the status choice together', async () => {
    project = tempProject()
    const { pairIds } = await seedMixedProject(project)
    const [sky, cats, dog, car, rain, table, pending, rejected, duplicate] = pairIds
    expect(await planned(project, {})).toEqual([sky, cats, dog, car, rain, table, duplicate])
    expect(await planned(project, { filter: { tiers: [2, 3] } })).toEqual([dog, car])
    expect(
      await planned(project, { status: 'all', filter: { statuses: ['pending', 'rejected'] } })
    ).toEqual([pending, rejected])
    // accepted ∩ pending is empty.
    expect(await planned(project, { filter: { statuses: ['pending'] } })).toEqual([])
    expect(await planned(project, { filter: { edited: true } })).toEqual([rain])
    expect(await planned(project, { filter: { text: 'table' } })).toEqual([table])
  })
})
