import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import sharp from 'sharp'

import { startAppServer } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { AppFramePom } from '../support/pages/app-frame'
import { PipelinePom } from '../support/pages/pipeline-pages'
import { ReviewPom } from '../support/pages/review-page'
import { rpc } from '../support/rpc'

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts')
const CHAIN = 'blur:2+jpeg:40'
const COUNT = 6

let scratch: string
let server: AppServer

/** A 96×64 PNG with a pattern of its own per index, so the model sees different images. */
async function patternPng(path: string, index: number): Promise<void> {
  const width = 96
  const height = 64
  const raw = Buffer.alloc(width * height * 3)
  for (let i = 0; i < raw.length; i++) raw[i] = (i * (index + 3) * 37 + index * 91) & 255
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path)
}

test.describe.configure({ timeout: 400_000 })
// A missing element fails the step in 20 s instead of waiting out the whole test.
test.use({ actionTimeout: 20_000 })

test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  scratch = mkdtempSync(join(tmpdir(), 'ds-e2e-pipeline-'))
  const images = join(scratch, 'images')
  mkdirSync(images)
  const rows: string[] = []
  for (let i = 0; i < COUNT; i++) {
    await patternPng(join(images, `img-${i}.png`), i)
    rows.push(
      JSON.stringify({
        image: `img-${i}.png`,
        question: `What number is shown in picture ${i}?`,
        answer: String(i)
      })
    )
  }
  writeFileSync(join(images, 'questions.jsonl'), rows.join('\n') + '\n')
  mkdirSync(join(scratch, 'no-images'))
  writeFileSync(join(scratch, 'no-images', 'readme.txt'), 'nothing to import')
  writeFileSync(join(scratch, 'broken.jsonl'), '{"image": "x.png", "question": \n')
  writeFileSync(join(scratch, 'not-a-model.gguf'), 'plain text, not a model')
  server = await startAppServer({ projectDir: join(scratch, 'project') })
})

test.afterAll(async () => {
  await server?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

async function shoot(page: Page, name: string): Promise<void> {
  const frame = new AppFramePom(page)
  const scheme = () => page.locator('html').getAttribute('data-mantine-color-scheme')
  for (const wanted of ['light', 'dark'] as const) {
    if ((await scheme()) !== wanted) await frame.themeToggle().click()
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', wanted)
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${wanted}.png`), fullPage: true })
  }
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light')
}

test('from an empty project: import, perturb, generate, overview, filter, review, export', async ({
  page
}) => {
  const frame = new AppFramePom(page)
  const ui = new PipelinePom(page)
  await page.goto(server.url)
  await expect(frame.heading('Overview')).toBeVisible()
  await expect(page.getByText('This project is empty')).toBeVisible()

  // Import: bad sources are named and change nothing; then the folder, previewed first.
  await frame.nav('Import').click()
  await ui.textbox('Source').fill(join(scratch, 'no-images'))
  await ui.button('Preview').click()
  await expect(ui.alert()).toContainText(`folder "${join(scratch, 'no-images')}" holds no images`)
  await ui.textbox('Source').fill(join(scratch, 'broken.jsonl'))
  await ui.button('Preview').click()
  await expect(page.getByText('1 line(s) do not parse')).toBeVisible()
  await expect(page.getByText(/^line 1: invalid JSON/)).toBeVisible()
  expect((await rpc(server, 'stats.get', {})).samples).toBe(0)
  await ui.textbox('Source').fill(join(scratch, 'images'))
  await ui.button('Preview').click()
  await expect(page.getByLabel('Detected format')).toHaveText('Folder of images')
  await expect(page.getByRole('table', { name: 'First rows' })).toContainText('img-0.png')
  await shoot(page, 'import')
  await ui.button('Start import').click()
  await expect(ui.jobStatus('Import')).toHaveText('completed', { timeout: 60_000 })
  await expect(ui.job('Import').getByLabel('Job counts')).toHaveText(`${COUNT} / ${COUNT} rows`)
  expect((await rpc(server, 'stats.get', {})).samples).toBe(COUNT)

  // Perturb: a refused recipe is named; the chain is previewed, then rendered for every image.
  await frame.nav('Perturb').click()
  await ui.textbox('Recipe').fill('blur:2+jpeg:400')
  await expect(
    page.getByText(/recipe "blur:2\+jpeg:400": jpeg quality must be 1–100/)
  ).toBeVisible()
  await ui.textbox('Recipe').fill(CHAIN)
  await expect(page.getByRole('combobox', { name: 'Step 2' })).toHaveValue('jpeg')
  await ui.button('Preview').click()
  await expect(page.getByLabel('PSNR')).toContainText('dB')
  await expect(page.getByRole('img', { name: 'LQ preview' })).toBeVisible()
  await shoot(page, 'perturb')
  await ui.button('Add recipe to the job').click()
  await ui.button('Start perturb job').click()
  await expect(ui.jobStatus('Perturb')).toHaveText('completed', { timeout: 60_000 })

  // Generate with the test model on the chain and one downsample.
  await frame.nav('Generate').click()
  await expect(page.getByText('Test model', { exact: true }).first()).toBeVisible()
  const recipes = page.getByRole('combobox', { name: 'Recipes' })
  for (let i = 0; i < 3; i++) await recipes.press('Backspace')
  await recipes.fill(CHAIN)
  await recipes.press('Enter')
  await recipes.fill('downsample:4')
  await recipes.press('Enter')
  await page.getByRole('textbox', { name: 'Max tokens' }).fill('16')
  await shoot(page, 'generate')
  await ui.button('Start generation').click()
  await expect(ui.jobStatus('Generate')).toHaveText('completed', { timeout: 300_000 })
  await expect(ui.job('Generate').getByLabel('Job counts')).toHaveText(
    `${COUNT} / ${COUNT} samples`
  )
  const stats = await rpc(server, 'stats.get', {})
  expect(stats.pairs).toBeGreaterThan(0)
  expect(Object.keys(stats.flip_rate_by_recipe)).toContain(CHAIN)

  // The Overview shows the new data; a bar opens the Pairs page filtered to it.
  await frame.nav('Overview').click()
  await expect(page.getByLabel(`Pairs: ${stats.pairs}`)).toBeVisible()
  const flips = ui.chart('Flip rate by recipe')
  await expect(flips.locator('.recharts-bar-rectangle')).toHaveCount(2)
  await expect(
    ui.chart('Length delta (tokens)').locator('.recharts-bar-rectangle').first()
  ).toBeVisible()
  await shoot(page, 'overview')
  // Bars are in recipe order: blur:2+jpeg:40 (a chain) first.
  await flips.locator('.recharts-bar-rectangle').first().click()
  await expect(frame.heading('Pairs')).toBeVisible()
  await expect(page).toHaveURL(/ptype=chain/)
  const chainPairs = (await rpc(server, 'pairs.list', { filter: { perturbTypes: ['chain'] } }))
    .total
  expect(chainPairs).toBeGreaterThan(0)
  await expect(page.getByLabel('Matching pairs')).toHaveText(`${chainPairs} matching`)

  // Review one pair, then export.
  const review = new ReviewPom(page)
  await frame.nav('Review').click()
  await expect(review.chosen()).toBeVisible()
  const reviewed = await review.pairId()
  await page.keyboard.press('a')
  await expect(review.root()).not.toHaveAttribute('data-pair-id', String(reviewed))
  expect((await rpc(server, 'pairs.get', { id: reviewed })).status).toBe('accepted')

  await frame.nav('Export').click()
  const out = join(scratch, 'export-trl')
  await page.getByRole('textbox', { name: 'Output folder' }).fill(out)
  await ui.button('Start export').click()
  await expect(page.getByRole('table', { name: 'Completed exports' })).toContainText(out, {
    timeout: 60_000
  })
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
    records?: number
  }
  expect(existsSync(join(out, 'train.jsonl'))).toBe(true)
  expect(readFileSync(join(out, 'train.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1)
  expect(manifest).toBeTruthy()
})

test('Models: a path that is not a GGUF is named, the test model is explained, the binary is found', async ({
  page
}) => {
  const frame = new AppFramePom(page)
  const ui = new PipelinePom(page)
  await page.goto(server.url)
  await frame.nav('Models').click()
  const bad = join(scratch, 'not-a-model.gguf')
  await ui.textbox('Model (GGUF)').fill(bad)
  await expect(
    page.getByText(`model "${bad}" is not a readable GGUF file`, { exact: false }).first()
  ).toBeVisible()
  await ui.button('Save model settings').click()
  await expect(ui.alert().filter({ hasText: 'is not a readable GGUF file' }).first()).toBeVisible()
  expect((await rpc(server, 'settings.get', {})).settings.model).toBeNull()

  await ui.button('Use the test model').click()
  await expect(page.getByRole('table', { name: 'Model details' })).toContainText('llama')
  await expect(page.getByLabel('Fit')).toHaveText('fits')
  await expect(page.getByText('Saved.')).toBeVisible()
  expect((await rpc(server, 'settings.get', {})).settings.useTestModel).toBe(true)
  // The cached build (made by the test setup, after nothing at start-up needed it) shows.
  await expect(page.getByLabel('Sidecar binary')).toContainText('llama-server')

  // The file browser stays inside home and the project.
  await page.getByRole('button', { name: 'Browse for Model (GGUF)' }).click()
  const dialog = page.getByRole('dialog', { name: 'Choose a path' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Home', exact: true }).click()
  await expect(dialog.getByLabel('Current folder')).not.toBeEmpty()
  await page.keyboard.press('Escape')
  await shoot(page, 'models')

  // The project switcher lists the project and opens the project page.
  await page.getByRole('button', { name: 'Current project' }).click()
  await page.getByRole('menuitem', { name: 'Open or create a project…' }).click()
  await expect(frame.heading('Project')).toBeVisible()
})
