import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { expect, test } from '@playwright/test'
import sharp from 'sharp'

import { startAppServer } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { AppFramePom } from '../support/pages/app-frame'
import { PairsPom } from '../support/pages/pairs-page'
import { rpc } from '../support/rpc'

const ROOT = resolve(import.meta.dirname, '../..')
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts')
const cli = (...args: string[]): string =>
  execFileSync(process.execPath, [join(ROOT, 'bin/delta-studio.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 400_000
  })
const lastJson = <T>(out: string): T => JSON.parse(out.trim().split('\n').pop()!) as T

let scratch: string
let server: AppServer
let model: { model: string; mmproj: string }

test.describe.configure({ timeout: 300_000 })

/** A flat-colour PNG per index, so the ranking view shows distinct images. */
const png = (i: number) =>
  sharp({
    create: {
      width: 64,
      height: 48,
      channels: 3,
      background: { r: (i * 70) % 256, g: 120, b: (i * 40) % 256 }
    }
  })
    .png()
    .toBuffer()

test.beforeAll(async () => {
  test.setTimeout(600_000)
  mkdirSync(ARTIFACTS, { recursive: true })
  scratch = mkdtempSync(join(tmpdir(), 'ds-e2e-judge-'))
  const project = join(scratch, 'demo')
  cli('demo', project, '--count', '6', '--json')
  const generated = lastJson<{ pairs: number }>(
    cli('generate', project, '--test-model', '--max-tokens', '24', '--json')
  )
  expect(generated.pairs).toBeGreaterThan(0)
  const images = join(scratch, 'images')
  mkdirSync(images)
  for (let i = 0; i < 5; i++) writeFileSync(join(images, `${i}.png`), await png(i))
  const set = join(images, 'set.json')
  writeFileSync(
    set,
    JSON.stringify([
      { prompt: 'a teal square', images: ['0.png', '1.png', '2.png', '3.png', '4.png'] }
    ])
  )
  const ranked = lastJson<{ rankings: number }>(
    cli('rank', project, '--prompt-set', set, '--test-model', '--top-logprobs', '259', '--json')
  )
  expect(ranked.rankings).toBe(1)
  const testFile = join(images, 'test.json')
  writeFileSync(
    testFile,
    JSON.stringify([
      {
        id: 'g1',
        prompt: 'a teal square',
        generations: ['0.png', '1.png', '2.png', '3.png'],
        ranking: [1, 2, 2, 3]
      },
      { id: 'g2', prompt: 'broken', generations: ['0.png', 'gone.png'], ranking: [1, 2] }
    ])
  )
  cli(
    'eval-prefs',
    testFile,
    '--format',
    'imagereward',
    '--images',
    images,
    '--test-model',
    '--top-logprobs',
    '259',
    '--project',
    project
  )
  model = lastJson(cli('model', 'make-test', join(scratch, 'model'), '--json'))
  server = await startAppServer({ projectDir: project })
})

test.afterAll(async () => {
  await server?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

test('the Rankings page shows one prompt’s images in ranked order with scores and the wins matrix', async ({
  page
}) => {
  const frame = new AppFramePom(page)
  await page.goto(server.url)
  await frame.nav('Rankings').click()
  await expect(frame.heading('Rankings')).toBeVisible()
  await expect(page.getByRole('heading', { name: '“a teal square”' })).toBeVisible()
  const cards = page.getByLabel('Ranked images').getByRole('img')
  await expect(cards).toHaveCount(5)
  const [ranking] = await rpc(server, 'judge.rankings', {})
  const stored = await rpc(server, 'judge.ranking', { id: ranking!.id })
  // The page shows the stored order, best first.
  await expect(cards.first()).toHaveAttribute('alt', stored.ranked[0]!.label)
  await expect(page.getByLabel('Score of rank 1')).toHaveText(stored.ranked[0]!.score.toFixed(3))
  await expect(page.getByRole('table', { name: 'Wins matrix' }).getByRole('row')).toHaveCount(6)
  await expect(page.getByLabel('Preference pairs')).toContainText('chosen #')
  await page.screenshot({ path: join(ARTIFACTS, 'rankings-light.png'), fullPage: true })
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'rankings-dark.png'), fullPage: true })
})

test('the Evaluations page shows accuracy with its interval, baselines, references and the caveat', async ({
  page
}) => {
  const frame = new AppFramePom(page)
  await page.goto(server.url)
  await frame.nav('Evaluations').click()
  const [listed] = await rpc(server, 'judge.reports', {})
  const { report } = await rpc(server, 'judge.report', { id: listed!.id })
  const table = page.getByRole('table', { name: 'Accuracy' })
  await expect(table.getByRole('row')).toHaveCount(6)
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`)
  await expect(table.getByRole('row').nth(1)).toContainText(pct(report.accuracy))
  await expect(page.getByRole('table', { name: 'Published references' })).toContainText('64.9 %')
  await expect(page.getByRole('table', { name: 'Published references' })).toContainText('83.3 %')
  await expect(page.getByRole('note')).toContainText('random weights')
  await expect(page.getByLabel('Skipped groups')).toContainText('missing image 1')
  await page.screenshot({ path: join(ARTIFACTS, 'evaluations-light.png'), fullPage: true })
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'evaluations-dark.png'), fullPage: true })
})

test('Judge on the filtered set runs on the studio’s sidecar and the scores show in both orders', async ({
  page
}) => {
  const frame = new AppFramePom(page)
  await rpc(server, 'sidecar.start', { model: model.model, mmproj: model.mmproj, slots: 2 })
  await page.goto(server.url)
  await frame.nav('Pairs').click()
  await page.getByRole('button', { name: 'Judge…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Judge pairs' })
  await expect(dialog).toContainText('test model')
  // The tiny model's vocabulary is 259 tokens: read them all, so every judgement has a verdict.
  await dialog.getByLabel('Top logprobs').fill('259')
  await dialog.getByRole('button', { name: 'Start judging' }).click()
  await expect(page.getByRole('status').filter({ hasText: /Judge job .* started/ })).toBeVisible()
  await expect
    .poll(async () => (await rpc(server, 'jobs.list', { kind: 'judge' }))[0]?.status, {
      timeout: 120_000
    })
    .toBe('completed')
  const { rows } = await rpc(server, 'pairs.list', { limit: 50 })
  expect(rows.length).toBeGreaterThan(0)
  expect(rows.every((p) => p.judge !== null)).toBe(true)
  const judged = rows.find((p) => p.judgeScore !== null)
  expect(judged).toBeDefined()
  await page.reload()
  await expect(
    page.getByLabel(new RegExp(`^Judge score ${judged!.judgeScore!.toFixed(2)}`)).first()
  ).toBeVisible()
  await page.screenshot({ path: join(ARTIFACTS, 'pairs-judge-light.png') })

  // Swap every pair the judge reverses, in one undoable step.
  const reversed = rows.filter((p) => p.judge?.reversed).length
  if (reversed > 0) {
    await page.getByRole('button', { name: 'More' }).click()
    await page.getByRole('menuitem', { name: 'Swap judge-reversed pairs…' }).click()
    await page
      .getByRole('dialog', { name: 'Confirm bulk change' })
      .getByRole('button', { name: /^Swap judge-reversed among/ })
      .click()
    await expect(page.getByLabel('Bulk result')).toContainText(`${reversed} changed`)
    const after = await rpc(server, 'pairs.list', { limit: 50 })
    expect(after.rows.filter((p) => p.judge?.reversed)).toHaveLength(0)
  }

  await page.reload()
  await new PairsPom(page).row(judged!.id).click()
  await expect(page.getByLabel('Judge orders')).toContainText('chosen first')
  await expect(page.getByLabel('Judge orders')).toContainText('rejected first')
  await page.screenshot({ path: join(ARTIFACTS, 'review-judge-light.png'), fullPage: true })
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'review-judge-dark.png'), fullPage: true })
  await rpc(server, 'sidecar.stop', {})
})
