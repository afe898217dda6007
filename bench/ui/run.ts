// `npm run bench:ui [-- --json] [-- --pairs N] [-- --project DIR]`: seeds a project with real
// images and N pairs (100,000 by default), serves it in browser mode and drives Debian's
// Chromium against it. Progress goes to stderr; the last stdout line is the JSON summary.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

import { chromium } from 'playwright-core'

import { firstPage, quantile, round, scrollFps, timeFilterClick, timeNextPair } from './measure'
import { seedUiProject } from './seed-ui-project'

const ROOT = resolve(import.meta.dirname, '../..')
const log = (line: string): void => void process.stderr.write(`${line}\n`)
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const TARGETS = { first_page_ms: 1000, filter_p95_ms: 150, next_pair_p95_ms: 100, scroll_fps: 50 }

async function serve(projectDir: string): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/delta-studio.js'), 'serve', projectDir, '--port', '0', '--json'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const line = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res)
    child.once('exit', (code) => rej(new Error(`serve exited with ${code}`)))
  })
  return { child, url: new URL((JSON.parse(line) as { url: string }).url) }
}

async function rpc<T>(url: URL, method: string, input: unknown): Promise<T> {
  const token = url.searchParams.get('token') ?? ''
  const res = await fetch(`${url.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input)
  })
  const body = (await res.json()) as { ok: boolean; result: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.result
}

async function main(): Promise<void> {
  const pairs = Number(arg('--pairs') ?? 100_000)
  const given = arg('--project')
  const scratch = mkdtempSync(join(tmpdir(), 'ds-bench-ui-'))
  const projectDir = given ? resolve(given) : join(scratch, 'project')
  if (!existsSync(join(projectDir, 'studio.db'))) {
    log(`seeding ${pairs} pairs into ${projectDir}`)
    const started = Date.now()
    const n = await seedUiProject(projectDir, { pairs })
    log(`seeded ${n} pairs in ${Math.round((Date.now() - started) / 1000)} s`)
  }
  const { child, url } = await serve(projectDir)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--no-first-run']
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    // tsx compiles with keepNames: functions passed to page.evaluate call a `__name` helper.
    await page.addInitScript('window.__name = (fn) => fn')
    await page.goto(url.toString())
    await page.getByRole('heading', { name: 'Project', level: 2 }).waitFor()
    const total = (await rpc<{ total: number }>(url, 'pairs.facets', { filter: {} })).total
    log(`project has ${total} pairs`)

    const pairsUrl = `${url.origin}/#/pairs`
    const firsts: number[] = []
    for (let i = 0; i < 5; i++) firsts.push(await firstPage(page, pairsUrl))
    log(`first page: ${firsts.join(', ')} ms`)

    // Each step toggles one checkbox; the expected first row comes from the core.
    const steps: Array<{ label: string; filter: Record<string, unknown> }> = []
    const tiers: number[] = []
    const cycle = ['Tier 1', 'Tier 2', 'Tier 3', 'Tier 1', 'Tier 3', 'Tier 2']
    for (let round_ = 0; round_ < 4; round_++) {
      for (const label of cycle) {
        const tier = Number(label.slice(-1))
        const at = tiers.indexOf(tier)
        if (at >= 0) tiers.splice(at, 1)
        else tiers.push(tier)
        steps.push({ label, filter: tiers.length ? { tiers: [...tiers] } : {} })
      }
    }
    const filterTimes: number[] = []
    for (const step of steps) {
      const page0 = await rpc<{ rows: Array<{ id: number }> }>(url, 'pairs.list', {
        filter: step.filter,
        limit: 1,
        withTotal: false
      })
      const expected = page0.rows[0]?.id
      if (expected === undefined) throw new Error('filter matched nothing')
      const query = (step.filter.tiers as number[] | undefined)?.map((t) => `tier=${t}`) ?? []
      filterTimes.push(
        await timeFilterClick(page, step.label, [...query].sort().join('&'), expected)
      )
      // A person looks at the new rows before the next click; the facet counts load meanwhile.
      await page.waitForTimeout(1000)
    }
    log(`filter: ${filterTimes.map((t) => Math.round(t)).join(', ')} ms`)

    await page.goto(pairsUrl)
    await page.locator('[role="row"][data-pair-id]').first().waitFor()
    await page.waitForTimeout(300)
    const fpsRuns: number[] = []
    for (let i = 0; i < 3; i++) fpsRuns.push(await scrollFps(page, 2_000, 40))
    log(`scroll: ${fpsRuns.map((f) => f.toFixed(1)).join(', ')} fps`)

    await page.goto(`${url.origin}/#/review`)
    await page.locator('section[aria-label="Chosen answer"]').waitFor()
    await page.waitForTimeout(500)
    const nextTimes: number[] = []
    for (let i = 0; i < 30; i++) {
      nextTimes.push(await timeNextPair(page))
      // A reviewer reads before moving on; this is far shorter than a real read.
      await page.waitForTimeout(250)
    }
    log(`next pair: ${nextTimes.map((t) => Math.round(t)).join(', ')} ms`)

    const summary = {
      pairs: total,
      first_page_ms: round(quantile(firsts, 0.5)),
      first_page_cold_ms: firsts[0]!,
      filter_p50_ms: round(quantile(filterTimes, 0.5)),
      filter_p95_ms: round(quantile(filterTimes, 0.95)),
      next_pair_p50_ms: round(quantile(nextTimes, 0.5)),
      next_pair_p95_ms: round(quantile(nextTimes, 0.95)),
      scroll_fps: round(Math.min(...fpsRuns)),
      targets: TARGETS
    }
    const met =
      summary.first_page_ms <= TARGETS.first_page_ms &&
      summary.filter_p95_ms <= TARGETS.filter_p95_ms &&
      summary.next_pair_p95_ms <= TARGETS.next_pair_p95_ms &&
      summary.scroll_fps >= TARGETS.scroll_fps
    const out = { ...summary, targets_met: met }
    if (!process.argv.includes('--json')) log(JSON.stringify(out, null, 2))
    process.stdout.write(`${JSON.stringify(out)}\n`)
  } finally {
    await browser.close()
    child.kill('SIGTERM')
    if (!given) rmSync(scratch, { recursive: true, force: true })
  }
}

await main()
