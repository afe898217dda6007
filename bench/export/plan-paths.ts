// `npm run bench:export:plan [-- --pairs N] [-- --rounds N]`: the TRL plan (read, id, line,
// spill) of N pairs (default 100,000) with the native row path and with the JavaScript one,
// alternated over several rounds in one process, so both see the same machine. No image is
// copied: this isolates the row work that the export's copies run beside. The last stdout line
// is JSON with each path's median wall and CPU seconds.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { argValue, log, median } from '../bench-cli'

import { ExportOptionsInput } from '../../src-shared/contract/exports'
import { deltaExportExtension } from '../../src-main/native/delta-export-extension'
import { openProjectFolder } from '../../src-main/services/project/project-folder'
import { openExportReader, planPairs } from '../../src-main/services/export/pair-source'
import { exportRecords } from '../../src-main/services/export/run-export'
import { trlJsonLine } from '../../src-main/services/export/trl-line'
import { seedBenchProject } from './seed-bench-project'

async function main(): Promise<void> {
  const pairs = argValue('--pairs', 100_000)
  const rounds = argValue('--rounds', 5)
  const extension = deltaExportExtension()
  if (!extension) throw new Error('the export extension is unavailable: nothing to compare')
  const root = await mkdtemp(join(tmpdir(), 'ds-bench-plan-'))
  try {
    const project = openProjectFolder(join(root, 'project'), { create: 'must', name: 'bench' })
    await seedBenchProject(project, { images: 5_000, pairs }, log)
    const options = ExportOptionsInput.parse({ format: 'trl' })
    const path = (image: { sha256: string }) => `images/${image.sha256}.jpg`
    const timed = {
      native: { wall: [] as number[], cpu: [] as number[] },
      js: { wall: [] as number[], cpu: [] as number[] }
    }
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['native', 'js'] as const) {
        const reader = openExportReader(project.db, kind === 'native' ? extension : null)
        const spill = exportRecords(join(root, `${kind}.spill`))
        const cpu = process.cpuUsage()
        const start = performance.now()
        await planPairs(
          reader,
          options,
          spill,
          (pair, quoted) => trlJsonLine(pair, pair.images.map(path), quoted),
          kind === 'native' ? { nativeImages: { place: path } } : {}
        )
        const used = process.cpuUsage(cpu)
        timed[kind].wall.push((performance.now() - start) / 1000)
        timed[kind].cpu.push((used.user + used.system) / 1e6)
        spill.dispose()
        reader.close()
      }
      log(
        `round ${round + 1}: native ${timed.native.wall.at(-1)?.toFixed(3)} s, js ${timed.js.wall.at(-1)?.toFixed(3)} s`
      )
    }
    project.db.close()
    const summary = {
      pairs,
      rounds,
      native_plan_s: Number(median(timed.native.wall).toFixed(3)),
      js_plan_s: Number(median(timed.js.wall).toFixed(3)),
      native_plan_cpu_s: Number(median(timed.native.cpu).toFixed(3)),
      js_plan_cpu_s: Number(median(timed.js.cpu).toFixed(3)),
      speedup: Number((median(timed.js.wall) / median(timed.native.wall)).toFixed(2))
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

await main()
