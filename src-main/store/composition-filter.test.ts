import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ComposeParams } from '../../src-shared/contract/compose'
import type { PairFilter } from '../../src-shared/domain/pair-filter'
import { matchesPairFilter } from '../../src-shared/domain/pair-filter-predicate'
import {
  pairFilterFromSearchParams,
  pairFilterToSearchParams
} from '../../src-shared/domain/pair-filter-url'
import { runCompose } from '../services/compose/run-compose'
import { fillDemoProject } from '../services/demo/demo-dataset'
import type { JobContext } from '../services/jobs/job-kind'
import { openProjectFolder } from '../services/project/project-folder'
import type { ProjectHandle } from '../services/project/project-folder'
import { storeFor } from './store'

const root = mkdtempSync(join(tmpdir(), 'composition-filter-'))
let project: ProjectHandle
afterAll(() => {
  project.db.close()
  rmSync(root, { recursive: true, force: true })
})

beforeAll(async () => {
  project = openProjectFolder(join(root, 'p'), { create: 'if-missing' })
  await fillDemoProject(project, { seed: 2, count: 12 })
  const params = ComposeParams.parse({ count: 4, seed: 6, cellSize: 64 })
  await runCompose({
    jobId: 'j',
    params,
    project,
    signal: new AbortController().signal,
    resumed: false,
    setTotal: () => undefined,
    setDone: () => undefined,
    advance: () => undefined,
    setMessage: () => undefined,
    recordError: () => undefined,
    setStats: () => undefined
  } satisfies JobContext<ComposeParams>)
  const store = storeFor(project.db)
  for (const c of store.compositions.list({}, 100).rows) {
    store.pairs.create({
      sampleId: c.sampleId,
      origin: 'prompt-complexity',
      chosenText: 'a',
      rejectedText: 'b'
    })
  }
  store.pairs.create({ sampleId: 1, origin: 'visual-delta', chosenText: 'a', rejectedText: 'b' })
}, 60_000)

const ids = (filter: PairFilter) =>
  storeFor(project.db).query.page(filter, { key: 'id', dir: 'asc' }, null, 500).ids

describe('layout and image-count filters and facets', () => {
  it('select the pairs whose composed sample has that layout or image count, as the predicate does', () => {
    const store = storeFor(project.db)
    const all = store.pairs.dtos(ids({}))
    for (const filter of [
      { layouts: ['grid' as const] },
      { layouts: ['sequence' as const, 'pip' as const] },
      { imageCounts: [2] },
      { imageCounts: [3, 4], tiers: [2 as const, 3 as const] }
    ]) {
      const expected = all.filter((p) => matchesPairFilter(filter, p)).map((p) => p.id)
      expect(ids(filter)).toEqual(expected)
      expect(expected.length).toBeGreaterThan(0)
    }
    expect(all.filter((p) => p.composition === null)).toHaveLength(1)
  })

  it('count a pair on a plain sample by its own images, so image count 1 selects it', () => {
    const store = storeFor(project.db)
    const all = store.pairs.dtos(ids({}))
    const plain = all.filter((p) => p.composition === null)
    expect(plain.map((p) => p.hqImages.length)).toEqual([1])
    expect(ids({ imageCounts: [1] })).toEqual(plain.map((p) => p.id))
    const facets = store.facets.counts({})
    expect(facets.imageCounts?.find((c) => c.value === 1)?.count).toBe(1)
    // Every pair is in exactly one image-count bucket, composed or not.
    expect(facets.imageCounts?.reduce((n, c) => n + c.count, 0)).toBe(all.length)
  })

  it('count pairs per layout and image count, each ignoring its own constraint', () => {
    const facets = storeFor(project.db).facets.counts({ layouts: ['grid'] })
    const pairs = storeFor(project.db).pairs.dtos(ids({}))
    const per = (layout: string) => pairs.filter((p) => p.composition?.layout === layout).length
    expect(facets.layouts).toEqual([
      { value: 'sequence', count: per('sequence') },
      { value: 'grid', count: per('grid') },
      { value: 'pip', count: per('pip') }
    ])
    const grids = pairs.filter((p) => p.composition?.layout === 'grid')
    expect(facets.total).toBe(grids.length)
    expect(facets.imageCounts!.reduce((n, v) => n + v.count, 0)).toBe(grids.length)
  })

  it('round-trip through the URL', () => {
    const filter: PairFilter = { layouts: ['grid', 'pip'], imageCounts: [2, 5] }
    const params = new URLSearchParams(pairFilterToSearchParams(filter))
    expect(params.toString()).toBe('layout=grid&layout=pip&images=2&images=5')
    expect(pairFilterFromSearchParams(params).filter).toEqual(filter)
  })
})
