// `npm run bench:compose [-- --json] [-- --count N] [-- --rounds R]`: composed samples per second
// of the compose job (planning, reading sources, grid and picture-in-picture rendering with
// sharp, storing images and rows) against a plain sharp composite of the same source images
// into the same canvases (no labels, no planning, no database), in the same run. Progress goes
// to stderr; the last stdout line is the JSON summary.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import sharp from 'sharp'

import { ComposeParams } from '../../src-shared/contract/compose'
import type { CompositionDto } from '../../src-shared/contract/compose'
import { mediaFilePath } from '../../src-main/media/media-paths'
import { gridGeometry } from '../../src-main/services/compose/grid-layout'
import { runCompose } from '../../src-main/services/compose/run-compose'
import { fillDemoProject } from '../../src-main/services/demo/demo-dataset'
import type { JobContext } from '../../src-main/services/jobs/job-kind'
import { openProjectFolder } from '../../src-main/services/project/project-folder'
import type { ProjectHandle } from '../../src-main/services/project/project-folder'
import { storeFor } from '../../src-main/store/store'
import { argValue, log, median } from '../bench-cli'

const COUNT = argValue('--count', 40)
const ROUNDS = argValue('--rounds', 3)
const CELL = 448

function context(project: ProjectHandle, params: ComposeParams): JobContext<ComposeParams> {
  return {
    jobId: `bench-${params.seed}`,
    params,
    project,
    signal: new AbortController().signal,
    resumed: false,
    setTotal: () => undefined,
    setDone: () => undefined,
    advance: () => undefined,
    setMessage: () => undefined,
    recordError: (item, reason) => log(`  skipped ${item}: ${reason}`),
    setStats: () => undefined
  }
}

/**
 * The baseline: each composition's source images composited with sharp into a canvas of the
 * same size (grid cells resized to fit, or the target centred on the background), as PNG. A
 * sequence has nothing to render, so it costs the baseline nothing either.
 */
async function plainComposite(
  project: ProjectHandle,
  rows: readonly CompositionDto[]
): Promise<number> {
  const started = performance.now()
  for (const c of rows) {
    if (c.layout === 'sequence') continue
    const sources = await Promise.all(
      c.sources.map((s) => readFile(mediaFilePath(project.mediaDir, s.image!.sha256)))
    )
    if (c.layout === 'grid') {
      const g = gridGeometry(sources.length, CELL)
      const cells = await Promise.all(
        sources.map(async (bytes, i) => ({
          input: await sharp(bytes).resize(CELL, CELL, { fit: 'inside' }).toBuffer(),
          left: g.cells[i]!.left,
          top: g.cells[i]!.top
        }))
      )
      await sharp({ create: { width: g.width, height: g.height, channels: 3, background: '#fff' } })
        .composite(cells)
        .png({ compressionLevel: 6 })
        .toBuffer()
    } else {
      const background = c.sources[0]!.image!
      const inner = await sharp(sources[1]!)
        .resize(Math.floor(background.width * 0.7), Math.floor(background.height * 0.7), {
          fit: 'inside'
        })
        .toBuffer()
      await sharp(sources[0]!)
        .composite([{ input: inner, gravity: 'centre' }])
        .png({ compressionLevel: 6 })
        .toBuffer()
    }
  }
  return (performance.now() - started) / 1000
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-compose-'))
  try {
    const project = openProjectFolder(join(dir, 'demo'), { create: 'if-missing' })
    log('demo project: 60 scenes')
    await fillDemoProject(project, { seed: 1, count: 60 })
    const rounds: Array<{ composed: number; studio_s: number; baseline_s: number }> = []
    // Round 0 warms sharp, the page cache and SQLite; it counts for neither side.
    for (let round = 0; round <= ROUNDS; round++) {
      const params = ComposeParams.parse({ count: COUNT, seed: 1000 + round })
      const before = storeFor(project.db).compositions.list({}, 1).total
      const started = performance.now()
      const stats = await runCompose(context(project, params))
      const studio = (performance.now() - started) / 1000
      const rows = storeFor(project.db).compositions.list({}, Math.max(1, stats.composed)).rows
      if (
        rows.length !== stats.composed ||
        before + stats.composed !== storeFor(project.db).compositions.list({}, 1).total
      ) {
        throw new Error('the round did not compose new samples only')
      }
      const baseline = await plainComposite(project, rows)
      log(
        `round ${round}${round === 0 ? ' (warm-up)' : ''}: ${stats.composed} composed in ${studio.toFixed(2)} s; plain composite ${baseline.toFixed(2)} s`
      )
      if (round > 0)
        rounds.push({ composed: stats.composed, studio_s: studio, baseline_s: baseline })
    }
    const studioRate = median(rounds.map((r) => r.composed / r.studio_s))
    const baselineRate = median(rounds.map((r) => r.composed / r.baseline_s))
    const summary = {
      composed_per_round: rounds[0]?.composed ?? 0,
      rounds: rounds.length,
      composed_samples_per_s: Number(studioRate.toFixed(2)),
      plain_composite_samples_per_s: Number(baselineRate.toFixed(2)),
      ratio_vs_plain_composite: Number((studioRate / baselineRate).toFixed(3)),
      per_round: rounds
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`)
    project.db.close()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
