import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { expect, test } from '@playwright/test'

import type { PairDto } from '../../src-shared/contract/pairs'
import { startAppServer } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { AppFramePom } from '../support/pages/app-frame'
import { ReviewPom } from '../support/pages/review-page'
import { rpc } from '../support/rpc'

const ROOT = resolve(import.meta.dirname, '../..')
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts')
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [join(ROOT, 'bin/delta-studio.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 400_000
  })
const last = <T>(out: string) => JSON.parse(out.trim().split('\n').pop()!) as T

let scratch: string
let server: AppServer

test.describe.configure({ timeout: 600_000 })

test.beforeAll(async () => {
  test.setTimeout(600_000)
  mkdirSync(ARTIFACTS, { recursive: true })
  scratch = mkdtempSync(join(tmpdir(), 'ds-e2e-compose-'))
  const project = join(scratch, 'demo')
  // The real pipeline: demo scenes with labels, composed tiers, the tiny VLM on the real sidecar.
  cli('demo', project, '--count', '12', '--json')
  const composed = last<{ status: string; composed: number }>(
    cli(
      'compose',
      project,
      '--tiers',
      '1,2,3',
      '--images-per-sample',
      '3-4',
      '--count',
      '3',
      '--seed',
      '4',
      '--json'
    )
  )
  expect(composed).toMatchObject({ status: 'completed', composed: 9 })
  const generated = last<{ status: string; prompt_pairs: number }>(
    cli(
      'generate',
      project,
      '--test-model',
      '--recipe',
      'downsample:4',
      '--max-tokens',
      '8',
      '--json'
    )
  )
  expect(generated.status).toBe('completed')
  expect(generated.prompt_pairs).toBeGreaterThan(0)
  server = await startAppServer({ projectDir: project })
})

test.afterAll(async () => {
  await server?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

test('the Compose page starts a compose job with progress and previews the samples', async ({
  page
}) => {
  const frame = new AppFramePom(page)
  await page.goto(server.url)
  await frame.nav('Compose').click()
  await expect(frame.heading('Compose')).toBeVisible()
  await expect(page.getByText('9 composed samples', { exact: false })).toBeVisible()
  await page.getByRole('textbox', { name: 'Seed' }).fill('77')
  await page.getByRole('textbox', { name: 'Samples per tier' }).fill('2')
  await page.getByRole('button', { name: 'Compose', exact: true }).click()
  const progress = page.getByLabel('Compose progress')
  await expect(progress).toContainText('completed', { timeout: 60_000 })
  await expect(progress).toContainText('6/6 samples')
  await expect(page.getByText('15 composed samples', { exact: false })).toBeVisible()
  const cards = page.getByRole('article').or(page.locator('[aria-label^="Composed sample"]'))
  await expect(cards.first()).toBeVisible()
  await page.screenshot({ path: join(ARTIFACTS, 'compose-light.png'), fullPage: true })
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'compose-dark.png'), fullPage: true })
  await frame.themeToggle().click()
})

test('reviews a tier-3 pair with all its images and exports it', async ({ page }) => {
  const listed = await rpc(server, 'pairs.list', {
    filter: { tiers: [3], layouts: ['sequence'] },
    limit: 50
  })
  const pair = listed.rows.find((p) => p.composition?.guidedQuestion !== null) ?? listed.rows[0]
  expect(pair, 'a tier-3 sequence pair').toBeDefined()
  const c = (pair as PairDto).composition!
  const review = new ReviewPom(page)
  const frame = new AppFramePom(page)
  await page.goto(`${server.url}#/review?id=${pair!.id}`)
  await expect(review.chosen()).toBeVisible()
  const images = page.getByLabel('Composed images')
  await expect(images).toBeVisible()
  for (let k = 1; k <= c.imageCount; k++) {
    await expect(images.getByRole('img', { name: `Image ${k}`, exact: true })).toBeVisible()
  }
  await expect(images.locator('[data-outlined="true"]').first()).toBeVisible()
  await expect(page.getByLabel('Tier 3').first()).toBeVisible()
  if (c.guidedQuestion !== null) {
    await expect(images.getByRole('img', { name: /^Guided image/ })).toBeVisible()
  }
  // One zoom for every pane: the strip and the guided image move together.
  await images.getByRole('button', { name: 'Zoom in' }).click()
  const zooms = await images
    .locator('[data-zoom]')
    .evaluateAll((panes) => panes.map((p) => p.getAttribute('data-zoom')))
  expect(new Set(zooms).size).toBe(1)
  expect(Number(zooms[0])).toBeGreaterThan(1)
  await images.getByRole('button', { name: 'Fit to pane' }).click()
  await page.screenshot({ path: join(ARTIFACTS, 'review-composed-light.png') })
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'review-composed-dark.png') })
  await frame.themeToggle().click()

  await review.button('Accept').click()
  await expect
    .poll(async () => (await rpc(server, 'pairs.get', { id: pair!.id })).status)
    .toBe('accepted')
  const out = join(scratch, 'tier3-trl')
  const { jobId } = await rpc(server, 'exports.start', {
    out,
    options: { format: 'trl', filter: { tiers: [3] } }
  })
  await expect
    .poll(async () => (await rpc(server, 'jobs.get', { id: jobId })).status, { timeout: 60_000 })
    .toBe('completed')
  const rows = readFileSync(join(out, 'train.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { images: string[]; tier: number })
  expect(rows).toHaveLength(1)
  expect(rows[0]!.tier).toBe(3)
  expect(rows[0]!.images.map((p) => /([0-9a-f]{64})/.exec(p)![1])).toEqual(
    c.images.map((i) => i.sha256)
  )
})

test('the Overview shows flip rate and accuracy per tier; a tier bar and a character bar open their pairs', async ({
  page
}) => {
  const frame = new AppFramePom(page)
  const stats = await rpc(server, 'stats.get', {})
  expect(stats.by_tier_detail['3'].flip_rate, 'tier 3 was answered').not.toBeNull()
  await page.goto(server.url)
  await expect(frame.heading('Overview')).toBeVisible()
  const tiers = page.getByRole('region', { name: 'Flip rate and accuracy by tier', exact: true })
  // The first series is the flip rate, one bar per tier with a figure, tier 3 last.
  const flipBars = tiers.locator('.recharts-bar').first().locator('.recharts-bar-rectangle')
  await expect(flipBars.last()).toBeVisible()
  await expect(page.getByRole('region', { name: 'Composed layouts', exact: true })).toBeVisible()
  await page.screenshot({ path: join(ARTIFACTS, 'overview-tiers-light.png'), fullPage: true })
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'overview-tiers-dark.png'), fullPage: true })
  await frame.themeToggle().click()

  await flipBars.last().click()
  await expect(frame.heading('Pairs')).toBeVisible()
  await expect(page).toHaveURL(/#\/pairs\?tier=3$/)
  const tier3 = (await rpc(server, 'pairs.list', { filter: { tiers: [3] } })).total
  expect(tier3).toBeGreaterThan(0)
  await expect(page.getByLabel('Matching pairs')).toHaveText(`${tier3} matching`)
  await expect(page.getByRole('checkbox', { name: /^Tier 3/ })).toBeChecked()

  // A character-delta bar opens the pairs in its range, which the Pairs page applies.
  await frame.nav('Overview').click()
  const chars = page.getByRole('region', { name: 'Length delta (characters)', exact: true })
  await chars.locator('.recharts-bar-rectangle path').first().click()
  await expect(page).toHaveURL(/dchar=-?\d+\.\.-?\d+/)
  const [min, max] = /dchar=(-?\d+)\.\.(-?\d+)/.exec(page.url())!.slice(1).map(Number)
  const inRange = (await rpc(server, 'pairs.list', { filter: { deltaChars: { min, max } } })).total
  expect(inRange).toBeGreaterThan(0)
  await expect(page.getByLabel('Matching pairs')).toHaveText(`${inRange} matching`)
  await expect(page.getByRole('textbox', { name: 'Length delta (characters) min' })).toHaveValue(
    String(min)
  )
})

test('a preference dataset is previewed (format, first rows) before it is imported', async ({
  page
}) => {
  const frame = new AppFramePom(page)
  const out = join(scratch, 'tier2-parquet')
  const { jobId } = await rpc(server, 'exports.start', {
    out,
    options: { format: 'trl-parquet', status: 'all', filter: { tiers: [2] } }
  })
  await expect
    .poll(async () => (await rpc(server, 'jobs.get', { id: jobId })).status, { timeout: 60_000 })
    .toBe('completed')
  const unknown = join(scratch, 'unknown.jsonl')
  writeFileSync(unknown, `${JSON.stringify({ foo: 1 })}\n`)

  await page.goto(server.url)
  await frame.nav('Import').click()
  await page.getByText('Preference dataset', { exact: true }).click()
  const source = page.getByRole('textbox', { name: 'Dataset', exact: true })
  const preview = page.getByRole('button', { name: 'Preview', exact: true })
  const start = page.getByRole('button', { name: 'Start dataset import', exact: true })
  await source.fill(unknown)
  await preview.click()
  await expect(page.getByRole('alert')).toContainText(
    `${unknown}: cannot tell its format from its columns (foo)`
  )
  await expect(start).toBeDisabled()

  await source.fill(out)
  await preview.click()
  await expect(page.getByLabel('Detected format')).toHaveText('TRL DPO (Parquet)')
  const rows = page.getByRole('table', { name: 'First rows' })
  await expect(rows).toContainText('row 1')
  await expect(rows).toContainText('tier 2')
  await expect(rows.getByText('ok', { exact: true }).first()).toBeVisible()
  await page.screenshot({ path: join(ARTIFACTS, 'import-dataset-light.png'), fullPage: true })
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'import-dataset-dark.png'), fullPage: true })
  await frame.themeToggle().click()

  // The import reads every row the preview checked.
  await start.click()
  const job = page.getByLabel('Dataset import job', { exact: true })
  await expect(job.getByLabel('Job status')).toHaveText('completed', { timeout: 60_000 })
  await expect(job.getByLabel('Job counts')).toHaveText(/^(\d+) \/ \1 rows$/)
})
