import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { fromRaw } from '../../src-main/services/perturb/raw-image'
import { photoLike, seededRandom } from '../../src-main/services/perturb/synthetic-images'

/** Bump when the generator or the mix of sizes changes, so stale fixtures are rebuilt. */
const FIXTURE_VERSION = 1

export type Fixture = { readonly file: string; readonly width: number; readonly height: number }

/**
 * Builds (or reuses) `count` generated photo-like JPEGs (quality 90) of mixed sizes, the longest
 * side drawn from 256–2048 px with aspect ratios 0.6–1.6, deterministic from the seed.
 */
export async function ensureFixtures(
  dir: string,
  count: number,
  log: (line: string) => void
): Promise<Fixture[]> {
  const manifestPath = join(dir, 'manifest.json')
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      version: number
      fixtures: Fixture[]
    }
    if (manifest.version === FIXTURE_VERSION && manifest.fixtures.length === count) {
      if (manifest.fixtures.every((f) => existsSync(join(dir, f.file)))) return manifest.fixtures
    }
  }
  await mkdir(dir, { recursive: true })
  const rand = seededRandom(20260323)
  const fixtures: Fixture[] = []
  for (let i = 0; i < count; i++) {
    const longest = Math.round(256 + rand() * (2048 - 256))
    const aspect = 0.6 + rand() * 1.0
    const width = aspect >= 1 ? longest : Math.round(longest * aspect)
    const height = aspect >= 1 ? Math.round(longest / aspect) : longest
    const file = `photo-${String(i).padStart(3, '0')}.jpg`
    await fromRaw(photoLike(width, height, 1000 + i))
      .jpeg({ quality: 90 })
      .toFile(join(dir, file))
    fixtures.push({ file, width, height })
    if ((i + 1) % 50 === 0) log(`  generated ${i + 1}/${count} fixtures`)
  }
  await writeFile(manifestPath, JSON.stringify({ version: FIXTURE_VERSION, fixtures }))
  return fixtures
}
