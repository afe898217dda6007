import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { ExportOptionsInput } from '../../src-shared/contract/exports'
import { ORDER_BUCKETS } from '../../src-shared/domain/export-order'
import type { ProjectHandle } from '../services/project/project-folder'
import { encodePair } from './pair-codec'
import { planPairs } from './pair-source'
import { RecordSpill } from './record-spill'
import { seedMixedProject, tempProject } from '../services/datasets/test-support/seed-project'

let project: ProjectHandle | null = null
afterEach(() => {
  project?.db.close()
  project = null
})

const planned = async (p: ProjectHandle, input: Record<string, unknown>): Promise<number[]> => {
  const records = new RecordSpill(join(p.dir, 'test.spill'), ORDER_BUCKETS)
  try {
    const options = ExportOptionsInput.parse({ format: 'trl', dedupe: false, ...input })
    return (await planPairs(p.db, options, records, encodePair)).pairIds
  } finally {
    records.dispose()
  }
}

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
