// `npm run bench:perturb [-- --json] [-- --images N]`: throughput of the perturbation engine
// against a single-process Pillow baseline running the same recipes in the same run. Progress
// goes to stderr; the last stdout line is the JSON summary.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { parseRecipe } from '../../src-shared/domain/recipes'
import { PNG_OPTIONS } from '../../src-main/services/perturb/apply-recipe'
import { PerturbPool } from '../../src-main/services/perturb/perturb-pool'
import { runSources } from '../../src-main/services/perturb/run-sources'
import { argValue, log } from '../bench-cli'
import { ensureFixtures } from './fixtures'

const here = dirname(fileURLToPath(import.meta.url))
const RECIPES = ['downsample:4', 'blur:2', 'jpeg:20', 'noise:25']
const PYTHON = '/usr/bin/python3'
const CHUNK = 20
const MATCHED_EVERY = 3

/** Debian's Pillow (python3-pil); installed with apt-get when missing, as the issue asks. */
function ensurePillow(): string {
  const probe = (): string | null => {
    const result = spawnSync(PYTHON, ['-c', 'import PIL; print(PIL.__version__)'], {
      encoding: 'utf8'
    })
    return result.status === 0 ? result.stdout.trim() : null
  }
  const found = probe()
  if (found) return found
  log('Pillow missing: apt-get install python3-pil')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', 'python3-pil'], { stdio: 'inherit', env })
  const installed = probe()
  if (!installed) throw new Error('python3-pil did not install')
  return installed
}

/** Runs one chunk of sources through the studio's pool; returns wall seconds and refusals. */
async function runStudioChunk(
  pool: PerturbPool,
  files: string[],
  mediaDir: string
): Promise<{ seconds: number; failed: number }> {
  const recipes = RECIPES.map(parseRecipe)
  const started = performance.now()
  let failed = 0
  const tasks = files.map((path) => ({
    task: { path, item: path, recipes, mediaDir },
    context: null
  }))
  await runSources(pool, tasks, {
    onResult: (result) => {
      if (!result.ok) {
        failed++
        log(`  refused ${result.message}`)
      }
    }
  })
  return { seconds: (performance.now() - started) / 1000, failed }
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits))

/** Runs the Pillow baseline in one Python process; returns its wall and CPU seconds. */
function runPillow(
  mode: 'research' | 'matched',
  outDir: string,
  files: string[]
): { seconds: number; cpu: number } {
  const run = spawnSync(PYTHON, [join(here, 'pillow_baseline.py'), mode, outDir, ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 20
  })
  if (run.status !== 0) throw new Error(`Pillow baseline failed: ${run.stderr}`)
  const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
    seconds: number
    cpu_seconds: number
  }
  return { seconds: out.seconds, cpu: out.cpu_seconds }
}

async function main(): Promise<void> {
  const count = argValue('--images', 200)
  const pillowVersion = ensurePillow()
  const fixtureDir = resolve(here, '../results/perturb-fixtures')
  log(`fixtures: ${count} photo-like JPEGs in ${fixtureDir}`)
  const fixtures = await ensureFixtures(fixtureDir, count, log)
  const megapixels = fixtures.reduce((sum, f) => sum + f.width * f.height, 0) / 1e6
  const work = await mkdtemp(join(tmpdir(), 'bench-perturb-'))
  try {
    log(`studio: ${RECIPES.join(', ')} with ${availableParallelism()} worker threads`)
    log(`pillow ${pillowVersion}: same recipes, one process; PNG at Pillow's default level`)
    log(`pillow matched: PNG at the studio's zlib level, every ${MATCHED_EVERY}th chunk`)
    // Other processes share this machine; alternating chunks of studio and Pillow work makes
    // load swings hit both sides alike instead of whichever ran during a busy minute.
    const studio = { seconds: 0, failed: 0 }
    let pillow = 0
    let matched = 0
    let pillowCpu = 0
    let matchedCpu = 0
    // CPU seconds of this whole process (main thread, workers, libvips threads): a figure that
    // load from other processes on the machine barely moves, unlike wall time.
    const cpuStart = process.cpuUsage()
    let matchedMp = 0
    let matchedImages = 0
    const poolStart = performance.now()
    // Pool start-up (worker threads loading sharp) is part of the studio's measured time.
    const pool = new PerturbPool()
    studio.seconds += (performance.now() - poolStart) / 1000
    try {
      for (let from = 0, chunk = 0; from < count; from += CHUNK, chunk++) {
        const part = fixtures.slice(from, from + CHUNK)
        const paths = part.map((f) => join(fixtureDir, f.file))
        const s = await runStudioChunk(pool, paths, join(work, 'media'))
        studio.seconds += s.seconds
        studio.failed += s.failed
        const research = runPillow('research', join(work, 'pillow'), paths)
        pillow += research.seconds
        pillowCpu += research.cpu
        if (chunk % MATCHED_EVERY === 0) {
          const strict = runPillow('matched', join(work, 'pillow-matched'), paths)
          matched += strict.seconds
          matchedCpu += strict.cpu
          matchedMp += part.reduce((sum, f) => sum + f.width * f.height, 0) / 1e6
          matchedImages += part.length
        }
        log(
          `  ${from + part.length}/${count}: studio ${studio.seconds.toFixed(1)} s, pillow ${pillow.toFixed(1)} s, matched ${matched.toFixed(1)} s`
        )
      }
    } finally {
      await pool.close()
    }
    const cpuUsed = process.cpuUsage(cpuStart)
    const studioCpu = (cpuUsed.user + cpuUsed.system) / 1e6
    const peakRssMb = process.resourceUsage().maxRSS / 1024
    const studioRate = (count - studio.failed) / studio.seconds
    const pillowRate = count / pillow
    const studioMpRate = megapixels / studio.seconds
    const matchedMpRate = matchedMp / matched
    const summary = {
      images: count,
      recipes: RECIPES,
      megapixels: round(megapixels, 1),
      studio_images_per_s: round(studioRate, 3),
      pillow_images_per_s: round(pillowRate, 3),
      ratio_vs_pillow: round(studioRate / pillowRate, 2),
      peak_rss_mb: Math.round(peakRssMb),
      studio_seconds: round(studio.seconds, 2),
      pillow_seconds: round(pillow, 2),
      pillow_png_level: 6,
      studio_png_level: PNG_OPTIONS.compressionLevel,
      studio_mp_per_s: round(studioMpRate, 2),
      pillow_matched_images: matchedImages,
      pillow_matched_mp_per_s: round(matchedMpRate, 2),
      ratio_vs_pillow_matched: round(studioMpRate / matchedMpRate, 2),
      // CPU seconds per image: per-core efficiency, independent of how busy the machine was.
      studio_cpu_s_per_image: round(studioCpu / count, 3),
      pillow_cpu_s_per_image: round(pillowCpu / count, 3),
      pillow_matched_cpu_s_per_mp: round(matchedCpu / matchedMp, 3),
      studio_cpu_s_per_mp: round(studioCpu / megapixels, 3),
      studio_failed: studio.failed,
      // The studio also measures PSNR/SSIM, writes 256 px WebP thumbnails and hashes every
      // output into the content-addressed store; the Pillow baseline only renders and saves.
      studio_extra_work: ['psnr', 'ssim', 'thumbnails', 'sha256-store'],
      workers: availableParallelism(),
      pillow_version: pillowVersion
    }
    if (!process.argv.includes('--json')) {
      log(
        `studio ${summary.studio_images_per_s} img/s vs Pillow ${summary.pillow_images_per_s} img/s`
      )
      log(`ratio ${summary.ratio_vs_pillow}x (target ≥ 3)`)
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

await main()
