import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { expect, test } from '@playwright/test'

import { startAppServer } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { AppFramePom } from '../support/pages/app-frame'
import { ExportPom, JobsPom, ModelsPom } from '../support/pages/ops-pages'
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

test.beforeAll(async () => {
  test.setTimeout(600_000)
  mkdirSync(ARTIFACTS, { recursive: true })
  scratch = mkdtempSync(join(tmpdir(), 'ds-e2e-ops-'))
  const project = join(scratch, 'demo')
  cli('demo', project, '--count', '6', '--json')
  const generated = lastJson<{ status: string }>(
    cli('generate', project, '--test-model', '--max-tokens', '12', '--json')
  )
  expect(generated.status).toBe('completed')
  model = lastJson(cli('model', 'make-test', join(scratch, 'model'), '--json'))
  server = await startAppServer({ projectDir: project })
})

test.afterAll(async () => {
  await server?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

test('the Jobs page lists the CLI generate job with its progress and results', async ({ page }) => {
  const jobs = new JobsPom(page)
  await page.goto(server.url)
  await new AppFramePom(page).nav('Jobs').click()
  const row = jobs.row('generate')
  await expect(row).toContainText('completed')
  await expect(row).toContainText('6 / 6 samples')
  await row.getByRole('button', { name: 'Show details' }).click()
  await expect(page.getByText('"pairs":')).toBeVisible()
  await page.screenshot({ path: join(ARTIFACTS, 'jobs-page.png') })
})

test('the Export page previews, exports atomically and lists the export', async ({ page }) => {
  const exporter = new ExportPom(page)
  const out = join(scratch, 'exported-trl')
  await page.goto(server.url)
  await new AppFramePom(page).nav('Export').click()
  await exporter.chooseAllStatuses()
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByLabel('Export preview')).toContainText('"type": "image"')
  await exporter.outputFolder().fill(out)
  await page.getByRole('button', { name: 'Start export' }).click()
  await expect(exporter.completed()).toContainText(out, { timeout: 60_000 })
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
    format?: string
  }
  expect(manifest.format).toBe('trl')
  expect(existsSync(join(out, 'train.jsonl'))).toBe(true)
  const [listed] = await rpc(server, 'exports.list', {})
  expect(listed?.path).toBe(out)
  expect(listed?.records).toBe(
    readFileSync(join(out, 'train.jsonl'), 'utf8').trim().split('\n').length
  )
  await page.screenshot({ path: join(ARTIFACTS, 'export-page.png'), fullPage: true })
})

test('the Models page starts and stops the sidecar with the test model, labelled', async ({
  page
}) => {
  const models = new ModelsPom(page)
  await page.goto(server.url)
  await new AppFramePom(page).nav('Models').click()
  await expect(models.state('stopped')).toBeVisible()
  await models.start(model.model, model.mmproj)
  await expect(models.state('ready')).toBeVisible({ timeout: 120_000 })
  await expect(page.getByText('Test model: random weights, meaningless answers')).toBeVisible()
  await expect(page.getByRole('table', { name: 'Endpoints' })).toContainText('local')
  await page.screenshot({ path: join(ARTIFACTS, 'models-page.png'), fullPage: true })
  await page.getByRole('button', { name: 'Stop sidecar' }).click()
  await expect(models.state('stopped')).toBeVisible({ timeout: 30_000 })
  expect((await rpc(server, 'sidecar.status', {})).pid).toBeNull()
})
