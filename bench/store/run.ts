/**
 * Store benchmark: `npm run bench:store -- [--json] [--samples N] [--keep DIR]`.
 * Seeds a project with N samples (default 100,000), 4N responses and N pairs (synthetic, VLM-like
 * text lengths), then measures what the pair browser does: a 50-row filtered page (10
 * representative filters, one of them full-text), full-text pages, facet counts, a bulk accept
 * of ~50k pairs and its undo. Progress goes to stderr; the last stdout line is one JSON object.
 * With `--keep DIR` the project stays in DIR, and a later run with the same DIR reuses it.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { PairFilter, PairSort } from '../../src-shared/domain/pair-filter'
import { openProjectFolder } from '../../src-main/services/project/project-folder'
import { optimizeAfterBulkLoad } from '../../src-main/db/open-database'
import { tableCounts } from '../../src-main/store/project-repo'
import { storeFor } from '../../src-main/store/store'
import { seedSynthetic } from '../../src-main/store/test-support/synthetic'

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const json = args.includes('--json')
const samples = Number(flag('--samples') ?? 100_000)
const keep = flag('--keep')
const log = (line: string) => process.stderr.write(`${line}\n`)

/** The 10 page filters: status triage, tiers, deltas, judge, perturbation, correctness, tags, text. */
const PAGES: Array<{ name: string; filter: PairFilter; sort: PairSort }> = [
  { name: 'all by id', filter: {}, sort: { key: 'id', dir: 'asc' } },
  { name: 'pending', filter: { statuses: ['pending'] }, sort: { key: 'id', dir: 'asc' } },
  { name: 'tier 3 by judge', filter: { tiers: [3] }, sort: { key: 'judgeScore', dir: 'desc' } },
  {
    name: 'pending, long rejected, by delta',
    filter: { statuses: ['pending'], deltaTokens: { min: 40 } },
    sort: { key: 'deltaTokens', dir: 'desc' }
  },
  {
    name: 'low judge score',
    filter: { judgeScore: { max: 0.3 } },
    sort: { key: 'judgeScore', dir: 'asc' }
  },
  {
    name: 'jpeg/blur, strong, newest',
    filter: {
      origins: ['visual-delta'],
      perturbTypes: ['jpeg', 'blur'],
      perturbLevel: { min: 0.5 }
    },
    sort: { key: 'created', dir: 'desc' }
  },
  {
    name: 'label-based (chosen right, rejected wrong)',
    filter: { chosenCorrect: ['correct'], rejectedCorrect: ['wrong'] },
    sort: { key: 'editDistance', dir: 'desc' }
  },
  {
    name: 'tagged',
    filter: { tags: ['hallucination', 'verbose'] },
    sort: { key: 'updated', dir: 'desc' }
  },
  {
    name: 'with note, pending',
    filter: { hasNote: true, statuses: ['pending'] },
    sort: { key: 'id', dir: 'desc' }
  },
  {
    name: 'full text + status',
    filter: { text: 'red umbrella', statuses: ['pending', 'accepted'] },
    sort: { key: 'id', dir: 'asc' }
  }
]
const TEXTS = [
  'red umbrella',
  'bicycle',
  'kitch',
  '"parked next to"',
  'zebra',
  'two dogs',
  'purple lamp station',
  'hidden mirror',
  'how many',
  'laptop screen'
]

function time<T>(fn: () => T): [number, T] {
  const start = process.hrtime.bigint()
  const out = fn()
  return [Number(process.hrtime.bigint() - start) / 1e6, out]
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!)
}
const round = (n: number) => Math.round(n * 100) / 100

const dir = keep ?? mkdtempSync(join(tmpdir(), 'ds-bench-store-'))
try {
  const project = openProjectFolder(join(dir, 'project'), { create: 'if-missing' })
  const store = storeFor(project.db)
  const existing = tableCounts(store.db).pairs
  // `--keep DIR` twice: the second run measures the project the first one seeded.
  const [seedMs] = time(() =>
    existing > 0
      ? undefined
      : seedSynthetic(store, {
          samples,
          seed: 42,
          onProgress: (done, total) => done % 20_000 === 0 && log(`seeded ${done}/${total} samples`)
        })
  )
  log(`seeded in ${Math.round(seedMs / 1000)} s`)
  optimizeAfterBulkLoad(store.db)
  const counts = tableCounts(store.db)

  // One page: ids under the filter, optionally the total, and the hydrated rows.
  const page = (filter: PairFilter, sort: PairSort, withTotal: boolean) => {
    const ids = store.query.page(filter, sort, null, 50)
    const total = withTotal ? store.query.count(filter) : null
    return { rows: store.pairs.dtos(ids.ids), total, next: ids.nextCursor }
  }
  const REPS = 12
  const pageTimes: number[] = []
  const pageNoTotal: number[] = []
  const deepTimes: number[] = []
  const perFilter: Record<string, number> = {}
  for (const p of PAGES) {
    page(p.filter, p.sort, true) // warm the cache for this shape
    const mine: number[] = []
    for (let i = 0; i < REPS; i++) mine.push(time(() => page(p.filter, p.sort, true))[0])
    for (let i = 0; i < REPS; i++) pageNoTotal.push(time(() => page(p.filter, p.sort, false))[0])
    // A deep page: follow the cursor 20 pages in, then time the next page.
    let cursor: string | null = null
    for (let k = 0; k < 20; k++)
      cursor = store.query.page(p.filter, p.sort, cursor, 50).nextCursor ?? cursor
    deepTimes.push(
      time(() => store.pairs.dtos(store.query.page(p.filter, p.sort, cursor, 50).ids))[0]
    )
    pageTimes.push(...mine)
    perFilter[p.name] = p95(mine)
    log(`page ${p.name}: p95 ${perFilter[p.name]} ms (${page(p.filter, p.sort, true).total} match)`)
  }

  const ftsTimes: number[] = []
  for (const text of TEXTS) {
    page({ text }, { key: 'id', dir: 'asc' }, true)
    for (let i = 0; i < REPS; i++)
      ftsTimes.push(time(() => page({ text }, { key: 'id', dir: 'asc' }, true))[0])
  }
  log(`full text p95 ${p95(ftsTimes)} ms`)

  const facetTimes: number[] = []
  for (const p of PAGES) {
    store.facets.counts(p.filter)
    for (let i = 0; i < 5; i++) facetTimes.push(time(() => store.facets.counts(p.filter))[0])
  }
  log(`facets p95 ${p95(facetTimes)} ms`)

  const bulkFilter: PairFilter = { statuses: ['pending'], origins: ['visual-delta'] }
  const [bulkMs, bulk] = time(() => store.changes.bulk({ filter: bulkFilter }, { op: 'accept' }))
  log(`bulk accept of ${bulk.affected} pairs: ${Math.round(bulkMs)} ms`)
  const [undoMs, undo] = time(() => store.events.undo())
  log(`undo of ${undo?.affected} pairs: ${Math.round(undoMs)} ms`)
  const [redoMs] = time(() => store.events.redo())
  store.events.undo() // leave the project as seeded, so `--keep DIR` runs compare

  optimizeAfterBulkLoad(store.db)
  const dbFile = join(project.dir, 'studio.db')
  const dbMb = round(statSync(dbFile).size / 1024 / 1024)
  project.db.close()

  const result = {
    bench: 'store',
    samples: counts.samples,
    responses: counts.responses,
    pairs: counts.pairs,
    seed_s: round(seedMs / 1000),
    // The page as the browser loads it: rows only. The UI never asks for a total with a page;
    // the filtered count arrives with the facet counts (facet_counts_p95_ms), after the rows.
    page_p95_ms: p95(pageNoTotal),
    page_with_total_p95_ms: p95(pageTimes),
    deep_page_p95_ms: p95(deepTimes),
    fts_p95_ms: p95(ftsTimes),
    facet_counts_p95_ms: p95(facetTimes),
    bulk_accept_pairs: bulk.affected,
    bulk_accept_50k_ms: Math.round(bulkMs),
    undo_50k_ms: Math.round(undoMs),
    redo_50k_ms: Math.round(redoMs),
    db_mb: dbMb,
    page_p95_by_filter_ms: perFilter
  }
  if (!json) log(JSON.stringify(result, null, 2))
  process.stdout.write(`${JSON.stringify(result)}\n`)
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true })
}
