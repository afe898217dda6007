import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import sharp from 'sharp'

import { startAppServer } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { AppFramePom } from '../support/pages/app-frame'
import { JudgePom } from '../support/pages/judge-pages'
import { rpc } from '../support/rpc'

/**
 * Issue 21 from the studio alone: the judge prompt edited on Models, a `rank` run started on
 * Rankings and an `eval-prefs` run started on Evaluations, each on the real llama-server with
 * the tiny test VLM, and their results read back on the page.
 */
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts')
let scratch: string
let images: string
let server: AppServer

test.describe.configure({ mode: 'serial', timeout: 300_000 })

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
  mkdirSync(ARTIFACTS, { recursive: true })
  scratch = mkdtempSync(join(tmpdir(), 'ds-e2e-judge-ui-'))
  images = join(scratch, 'images')
  mkdirSync(images)
  for (let i = 0; i < 4; i++) writeFileSync(join(images, `${i}.png`), await png(i))
  writeFileSync(
    join(images, 'set.json'),
    JSON.stringify([
      { prompt: 'a teal square', images: ['0.png', '1.png', '2.png', '3.png'] },
      { prompt: 'only one image', images: ['0.png'] }
    ])
  )
  writeFileSync(
    join(images, 'test.json'),
    JSON.stringify([
      {
        id: 'g1',
        prompt: 'a teal square',
        generations: ['0.png', '1.png', '2.png'],
        ranking: [1, 2, 3]
      },
      { id: 'g2', prompt: 'broken', generations: ['0.png', 'gone.png'], ranking: [1, 2] }
    ])
  )
  server = await startAppServer({ projectDir: join(scratch, 'project') })
})

test.afterAll(async () => {
  await server?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

/** Light and dark screenshots of the page, or of one part of it (`part`), back to light after. */
async function screenshots(page: Page, name: string, part?: Locator): Promise<void> {
  const frame = new AppFramePom(page)
  const shoot = (path: string) =>
    part ? part.screenshot({ path }) : page.screenshot({ path, fullPage: true })
  await shoot(join(ARTIFACTS, `${name}-light.png`))
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await shoot(join(ARTIFACTS, `${name}-dark.png`))
  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light')
}

test('the judge prompt is edited on Models: a missing marker is refused by name, then saved and reset', async ({
  page
}) => {
  const judge = new JudgePom(page)
  // Tall enough for the whole panel: a shot of a part taller than the window is stitched from
  // scrolled views, with the app's fixed header painted across it.
  await page.setViewportSize({ width: 1280, height: 2600 })
  await page.goto(server.url)
  await new AppFramePom(page).nav('Models').click()
  const card = judge.template('judge-images')
  await expect(card.getByLabel('Template source')).toHaveText('shipped')
  await expect(card.getByLabel('Required markers')).toContainText('{{image_b}}')
  const body = card.getByRole('textbox', { name: 'Body of judge-images' })
  const shipped = await body.inputValue()
  // The marker sits in the shipped file's comment too, so only the sent line is cut.
  await body.fill(shipped.replace('Image B:\n{{image_b}}', 'Image B:'))
  await expect(card).toContainText('Missing: {{image_b}}')
  await card.getByRole('button', { name: 'Save for this project' }).click()
  await expect(card.getByRole('alert')).toContainText(
    'Prompt template judge-images lacks the marker {{image_b}}'
  )
  await card.screenshot({ path: join(ARTIFACTS, 'models-judge-prompt-refused-light.png') })
  await body.fill(`${shipped}\nAnswer only after looking at both images.`)
  await card.getByRole('button', { name: 'Save for this project' }).click()
  await expect(card.getByLabel('Template source')).toHaveText('project version')
  const [, stored] = await rpc(server, 'judge.templates', {})
  expect(stored).toMatchObject({ name: 'judge-images', source: 'project' })
  expect(stored!.body).toContain('Answer only after looking at both images.')
  await screenshots(
    page,
    'models-judge-prompts',
    page.getByRole('region', { name: 'Judge prompts' })
  )
  await card.getByRole('button', { name: 'Reset to shipped' }).click()
  await expect(card.getByLabel('Template source')).toHaveText('shipped')
  await expect(body).toHaveValue(shipped)
})

test('a rank run started on Rankings ranks the prompt set and the ranking shows', async ({
  page
}) => {
  const judge = new JudgePom(page)
  await page.goto(server.url)
  await new AppFramePom(page).nav('Rankings').click()
  await expect(page.getByText(/Choose a prompt-set file above/)).toBeVisible()
  await screenshots(page, 'rankings-empty')
  const form = judge.form('Rank images')
  await judge.field(form, 'Prompt set').fill(join(images, 'set.json'))
  // The tiny model's vocabulary is 259 tokens: read them all, so every comparison has a verdict.
  await judge.field(form, 'Top logprobs').fill('259')
  await form.getByText('Every pair above a margin').click()
  await judge.field(form, 'Margin').fill('0')
  await form.getByRole('button', { name: 'Start ranking' }).click()
  await expect(judge.jobStatus('Rank')).toHaveText('completed', { timeout: 180_000 })
  await expect(page.getByRole('heading', { name: '“a teal square”' })).toBeVisible()
  await expect(page.getByLabel('Ranked images').getByRole('img')).toHaveCount(4)
  // The prompt with one image is refused by name and stays visible under the job.
  await expect(judge.itemErrors('Rank')).toContainText('a ranking needs at least 2')
  const [ranking] = await rpc(server, 'judge.rankings', {})
  expect(ranking).toMatchObject({ prompt: 'a teal square', images: 4, isTestModel: true })
  const stored = await rpc(server, 'judge.ranking', { id: ranking!.id })
  // Margin 0 keeps every pair with a positive margin: at least best over worst.
  expect(stored.pairs.length).toBeGreaterThan(0)
  await screenshots(page, 'rankings-run')
})

test('an eval-prefs run started on Evaluations shows its report and the skipped group', async ({
  page
}) => {
  const judge = new JudgePom(page)
  await page.goto(server.url)
  await new AppFramePom(page).nav('Evaluations').click()
  await expect(page.getByText(/Choose a test set and its images folder above/)).toBeVisible()
  const form = judge.form('Evaluate the judge')
  await judge.field(form, 'Test set').fill(join(images, 'test.json'))
  await judge.field(form, 'Images folder').fill(images)
  await judge.field(form, 'Top logprobs').fill('259')
  await judge.field(form, 'Bootstrap rounds').fill('200')
  await screenshots(page, 'evaluations-form')
  await form.getByRole('button', { name: 'Start evaluation' }).click()
  await expect(judge.jobStatus('Evaluation')).toHaveText('completed', { timeout: 180_000 })
  const [listed] = await rpc(server, 'judge.reports', {})
  const { report } = await rpc(server, 'judge.report', { id: listed!.id })
  expect(report).toMatchObject({ format: 'imagereward', groups: 1, groups_total: 2 })
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`)
  const table = page.getByRole('table', { name: 'Accuracy' })
  await expect(table.getByRole('row').nth(1)).toContainText(pct(report.accuracy))
  await expect(page.getByRole('note')).toContainText('random weights')
  await expect(judge.itemErrors('Evaluation')).toContainText('group g2')
  await expect(judge.itemErrors('Evaluation')).toContainText('gone.png')
  await screenshots(page, 'evaluations-run')
})
