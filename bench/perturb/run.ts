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
import { ensureFixtures } from './fixtures'

const here = dirname(fileURLToPath(import.meta.url))
const RECIPES = ['downsample:4', 'blur:2', 'jpeg:20', 'noise:25']
const PYTHON = '/usr/bin/python3'
const MATCHED_SUBSET = 50
const log = (line: string): void => void process.stderr.write(`${line}\n`)

function argValue(name: string, fallback: number): number {
  const index = process.argv.indexOf(name)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}

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

async function runStudio(
  files: string[],
  mediaDir: string
): Promise<{ seconds: number; failed: number }> {
  const recipes = RECIPES.map(parseRecipe)
  const started = performance.now()
  // Pool start-up (worker threads loading sharp) is part of the measured time.
  const pool = new PerturbPool()
  let failed = 0
  try {
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
  } finally {
    await pool.close()
  }
  return { seconds: (performance.now() - started) / 1000, failed }
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits))

/** Runs the Pillow baseline in one Python process; returns its wall time in seconds. */
function runPillow(mode: 'research' | 'matched', outDir: string, files: string[]): number {
  const run = spawnSync(PYTHON, [join(here, 'pillow_baseline.py'), mode, outDir, ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 20
  })
  if (run.status !== 0) throw new Error(`Pillow baseline failed: ${run.stderr}`)
  return (JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number }).seconds
}

async function main(): Promise<void> {
  const count = argValue('--images', 200)
  const pillowVersion = ensurePillow()
  const fixtureDir = resolve(here, '../results/perturb-fixtures')
  log(`fixtures: ${count} photo-like JPEGs in ${fixtureDir}`)
  const fixtures = await ensureFixtures(fixtureDir, count, log)
  const files = fixtures.map((f) => join(fixtureDir, f.file))
  const megapixels = fixtures.reduce((sum, f) => sum + f.width * f.height, 0) / 1e6
  const work = await mkdtemp(join(tmpdir(), 'bench-perturb-'))
  try {
    log(`studio: ${RECIPES.join(', ')} with ${availableParallelism()} worker threads`)
    const studio = await runStudio(files, join(work, 'media'))
    const peakRssMb = process.resourceUsage().maxRSS / 1024
    log(`  ${studio.seconds.toFixed(1)} s, peak RSS ${peakRssMb.toFixed(0)} MB`)
    log(`pillow ${pillowVersion}: same recipes, one process, PNG saved with Pillow's defaults`)
    const pillow = runPillow('research', join(work, 'pillow'), files)
    log(`  ${pillow.toFixed(1)} s`)
    // The strict comparison: Pillow with the studio's own PNG level, on a subset to keep the
    // run short; compared per megapixel because the subset's sizes differ from the whole set.
    const subset = fixtures.slice(0, Math.min(MATCHED_SUBSET, count))
    const subsetMp = subset.reduce((sum, f) => sum + f.width * f.height, 0) / 1e6
    log(`pillow, PNG at the studio's zlib level, first ${subset.length} images`)
    const matched = runPillow(
      'matched',
      join(work, 'pillow-matched'),
      subset.map((f) => join(fixtureDir, f.file))
    )
    log(`  ${matched.toFixed(1)} s`)
    const studioRate = (count - studio.failed) / studio.seconds
    const pillowRate = count / pillow
    const studioMpRate = megapixels / studio.seconds
    const matchedMpRate = subsetMp / matched
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
      pillow_matched_images: subset.length,
      pillow_matched_mp_per_s: round(matchedMpRate, 2),
      ratio_vs_pillow_matched: round(studioMpRate / matchedMpRate, 2),
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
