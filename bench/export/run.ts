// `npm run bench:export [-- --json] [-- --pairs N] [-- --images N] [-- --rounds N]`: exports N
// pairs (default 100,000) over distinct images (default 5,000) in `trl` copy mode, self-check
// included, against a plain copy of the same image files in the same run, in rounds (default 2)
// of one copy and one export, in alternating order. Progress goes to stderr; the last stdout
// line is JSON.
//
// Two densities are worth measuring. The default, 20 pairs per image, is the worst case for
// the row path (little copying to hide it behind). `--images 50000` (`npm run
// bench:export:realistic`) is what a generated project looks like: the pipeline makes about 2
// pairs per sample (the demo: 60 samples, 126 pairs) and a TRL record takes one prompt image,
// so 100k pairs carry about 50k distinct images and the copy dominates.
import { spawn } from 'node:child_process'
import { constants, readFileSync, statfsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { argValue, log } from '../bench-cli'

import { mediaFilePath } from '../../src-main/media/media-paths'
import { BoundedTasks } from '../../src-main/services/datasets/export/bounded-tasks'
import { runExport } from '../../src-main/services/datasets/export/run-export'
import { openProjectFolder } from '../../src-main/services/project/project-folder'
import { seedBenchProject } from './seed-bench-project'

/**
 * Flushes dirty pages, so a timed phase does not pay for the writeback of the one before:
 * `sync` in a shell started once, before the project is seeded. Spawning a process per flush
 * would fork this one, and the fork leaves every page of its heap copy-on-write, so the next
 * phase would take a fault at the first write to each page; the studio forks nothing before an
 * export.
 */
function startSettler(): { settle: () => Promise<void>; stop: () => void } {
  const shell = spawn('sh', ['-c', 'while read -r _; do sync; echo synced; done'], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const waiting: Array<() => void> = []
  shell.stdout.setEncoding('utf8').on('data', (text: string) => {
    for (const _line of text.split('\n').slice(0, -1)) waiting.shift()?.()
  })
  return {
    settle: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve)
        shell.stdin.write('\n')
      }),
    stop: () => shell.stdin.end()
  }
}
const MB = 1024 * 1024

/** User plus system seconds of a `process.cpuUsage` delta. */
function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6
}

/** Anonymous (process-private) resident memory in bytes, from /proc (Linux); 0 elsewhere. */
function anonymousRss(): number {
  try {
    const match = /RssAnon:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/**
 * How many of the `wanted` rounds fit on the disk that holds `dir`, after the warm-up: every
 * phase's output stays until the end (see the rounds below), a round writes the images twice (a
 * copy and an export), and 10% of the free space is left alone. The realistic run's 7.7 GB of
 * images make 15.4 GB a round.
 */
function roundsThatFit(dir: string, wanted: number, imageBytes: number): number {
  const disk = statfsSync(dir)
  const free = disk.bavail * disk.bsize
  const perRound = 2 * imageBytes + 256 * MB
  const fit = Math.floor((free * 0.9) / perRound) - 1
  if (fit < 1) {
    throw new Error(
      `the bench needs ${((2 * perRound) / MB / 1024).toFixed(1)} GB free in ${dir} for a warm-up and one round; ${(free / MB / 1024).toFixed(1)} GB are free`
    )
  }
  if (fit < wanted)
    log(`${fit} of ${wanted} rounds fit in ${(free / MB / 1024).toFixed(1)} GB free`)
  return Math.min(fit, wanted)
}

async function main(): Promise<void> {
  const pairs = argValue('--pairs', 100_000)
  const imageCount = argValue('--images', 5_000)
  const roundsWanted = Math.max(1, argValue('--rounds', 2))
  const settler = startSettler()
  const settleWrites = settler.settle
  const root = await mkdtemp(join(tmpdir(), 'ds-bench-export-'))
  let peakRss = 0
  let peakAnonRss = 0
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    peakAnonRss = Math.max(peakAnonRss, anonymousRss())
  }, 50)
  try {
    const project = openProjectFolder(join(root, 'project'), { create: 'must', name: 'bench' })
    const t = performance.now()
    const seeded = await seedBenchProject(project, { images: imageCount, pairs }, log)
    const seedS = (performance.now() - t) / 1000
    const rounds = roundsThatFit(root, roundsWanted, seeded.imageBytes)
    const shas = seeded.shas

    // Baseline: the same distinct image files copied once each with Node's fs.copyFile (libuv
    // asks for a copy-on-write clone, then copies in the kernel with copy_file_range), 8 at a
    // time, as the export copies them. Every timed phase (this and `timedExport`)
    // starts after a `sync`, so none pays for the writeback of the one before.
    const plainCopy = async (round: number): Promise<{ seconds: number; cpuS: number }> => {
      const copyDir = join(root, `plain-copy-${round}`)
      await mkdir(copyDir)
      await settleWrites()
      const cpu = process.cpuUsage()
      const start = performance.now()
      const tasks = new BoundedTasks(8)
      for (const sha of shas) {
        await tasks.run(() =>
          copyFile(
            mediaFilePath(project.mediaDir, sha),
            join(copyDir, `${sha}.jpg`),
            constants.COPYFILE_FICLONE
          )
        )
      }
      await tasks.drain()
      const seconds = (performance.now() - start) / 1000
      const cpuS = cpuSeconds(process.cpuUsage(cpu))
      log(
        `plain copy: ${(seeded.imageBytes / MB).toFixed(1)} MB in ${seconds.toFixed(2)} s (${cpuS.toFixed(2)} CPU-s)`
      )
      return { seconds, cpuS }
    }

    // What the process already holds (the seeding's heap among it), so the export's own growth
    // is peak_rss_mb minus this.
    const rssAtStart = process.memoryUsage().rss
    peakRss = 0
    peakAnonRss = 0
    const timedExport = async (target: string) => {
      await settleWrites()
      const marks: Record<string, number> = {}
      const cpu = process.cpuUsage()
      const start = performance.now()
      const result = await runExport(
        project,
        join(root, target),
        { format: 'trl' },
        {
          onProgress: (progress) => {
            marks[progress.stage] ??= performance.now()
            if (progress.stage === 'write' && progress.done === progress.total) {
              marks.rowsDone = performance.now()
            }
          }
        }
      )
      const end = performance.now()
      const cpuS = cpuSeconds(process.cpuUsage(cpu))
      const seconds = (from: number, to: number | undefined) => ((to ?? end) - from) / 1000
      log(
        `${target}: ${seconds(start, end).toFixed(2)} s (write ${seconds(start, marks.check).toFixed(2)} s, self-check ${seconds(marks.check ?? end, marks.commit).toFixed(2)} s)`
      )
      return {
        result,
        writeS: seconds(start, marks.check),
        planS: seconds(start, marks.write),
        rowsDoneS: seconds(start, marks.rowsDone),
        checkS: seconds(marks.check ?? end, marks.commit),
        totalS: seconds(start, end),
        cpuS
      }
    }
    // Rounds of one plain copy and one export, and the same statistic, the fastest run, on both
    // sides: identical copies on a shared VM swing widely within minutes, so one run of either
    // says more about the moment than about the code. The order alternates (copy first in odd
    // rounds, export first in even ones) because the VM slows as a run writes, and a warm-up
    // copy and export come first and count for neither side (`warmup_*`): the first phase after
    // the seeding's flush tends to be the fastest, and only one side can have it.
    // No output is removed before the end: file creation on ext4 soon after a mass delete is
    // slower, and the first phase would be the only one spared.
    const warmupCopyS = (await plainCopy(0)).seconds
    const first = await timedExport('export-0')
    const copyRuns: Array<{ seconds: number; cpuS: number }> = []
    const exports: Array<Awaited<ReturnType<typeof timedExport>>> = []
    for (let round = 0; round < rounds; round++) {
      const exportFirst = round % 2 === 1
      if (!exportFirst) copyRuns.push(await plainCopy(round + 1))
      exports.push(await timedExport(`export-${round + 1}`))
      if (exportFirst) copyRuns.push(await plainCopy(round + 1))
    }
    const copies = copyRuns.map((run) => run.seconds)
    const fastest = exports.reduce((best, run) => (run.totalS < best.totalS ? run : best))
    const { result } = fastest
    const copyS = Math.min(...copies)
    const outputBytes = result.manifest.files.reduce((sum, file) => sum + file.bytes, 0)
    const round3 = (value: number) => Number(value.toFixed(3))
    const summary = {
      format: 'trl',
      image_mode: 'copy',
      pairs: result.records,
      distinct_images: result.manifest.images.distinct,
      image_mb: Number((seeded.imageBytes / MB).toFixed(1)),
      output_mb: Number((outputBytes / MB).toFixed(1)),
      seed_s: Number(seedS.toFixed(2)),
      rounds,
      warmup_copy_s: round3(warmupCopyS),
      warmup_export_s: round3(first.totalS),
      copy_baseline_s: round3(copyS),
      copy_baseline_runs_s: copies.map(round3),
      copy_baseline_mb_per_s: Number((seeded.imageBytes / MB / copyS).toFixed(1)),
      // The whole export, self-check and rename included, fastest round.
      export_s: round3(fastest.totalS),
      export_runs_s: exports.map((run) => round3(run.totalS)),
      // Inside the fastest export: the plan ends at the first write batch; rows are all written
      // at rows_done; then the copies finish (write_s), the self-check runs (self_check_s).
      export_plan_s: round3(fastest.planS),
      export_rows_done_s: round3(fastest.rowsDoneS),
      export_write_s: round3(fastest.writeS),
      self_check_s: round3(fastest.checkS),
      // Copied images are proved by hash; only re-encoded ones are decoded (none here).
      self_check_images_decoded: result.check.imagesDecoded,
      pairs_per_s: Math.round(result.records / fastest.totalS),
      ratio_vs_copy: round3(copyS / fastest.totalS),
      // Each round's export against that round's copy.
      ratio_vs_copy_per_round: exports.map((run, i) => round3((copies[i] as number) / run.totalS)),
      // CPU time of the process (all its threads, user + system), which a machine shared with
      // other work disturbs far less than wall time: what each side costs, whoever else runs.
      copy_cpu_s: copyRuns.map((run) => round3(run.cpuS)),
      export_cpu_s: exports.map((run) => round3(run.cpuS)),
      rss_at_export_start_mb: Math.round(rssAtStart / MB),
      peak_rss_mb: Math.round(peakRss / MB),
      // RSS counts the project database's memory-mapped pages (page cache); the process's own
      // memory is the anonymous part.
      peak_anon_rss_mb: Math.round(peakAnonRss / MB)
    }
    project.db.close()
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary)}\n`)
    else log(JSON.stringify(summary, null, 2))
  } finally {
    settler.stop()
    clearInterval(sampler)
    await rm(root, { recursive: true, force: true })
  }
}

await main()
