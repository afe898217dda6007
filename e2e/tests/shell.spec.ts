import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { startAppServer } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { AppFramePom } from '../support/pages/app-frame'

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts')
let server: AppServer

test.beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  server = await startAppServer()
})
test.afterAll(async () => server?.stop())

test('the shell renders, connects, and navigates between pages', async ({ page }) => {
  const frame = new AppFramePom(page)
  await page.goto(server.url)
  await expect(frame.heading('Overview')).toBeVisible()
  await expect(page.getByText(server.projectDir)).toBeVisible()
  await expect(frame.connection()).toHaveAccessibleName('Connection: Connected')

  const labels = ['Import', 'Perturb', 'Generate', 'Pairs', 'Review', 'Export', 'Jobs', 'Models']
  for (const label of [...labels, 'Project', 'Overview']) {
    await frame.nav(label).click()
    await expect(frame.heading(label)).toBeVisible()
  }
  await frame.nav('Project').click()
  await expect(page.getByRole('table', { name: 'Project details' })).toContainText(
    server.projectDir
  )
  await page.screenshot({ path: join(ARTIFACTS, 'shell-light.png') })

  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'shell-dark.png') })
})

test('a reload keeps working through the token cookie', async ({ page }) => {
  await page.goto(server.url)
  await expect(new AppFramePom(page).heading('Overview')).toBeVisible()
  await page.goto(`${server.origin}/#/jobs`)
  await expect(new AppFramePom(page).heading('Jobs')).toBeVisible()
})

test('creating a project from the UI opens it', async ({ page }) => {
  const frame = new AppFramePom(page)
  const dir = join(server.projectDir, '..', 'made-in-ui')
  await page.goto(server.url)
  await frame.nav('Project').click()
  await page.getByText('Create project', { exact: true }).click()
  await page.getByRole('textbox', { name: 'Project folder' }).fill(dir)
  await page.getByRole('button', { name: 'Create' }).click()
  await expect(page.getByRole('table', { name: 'Project details' })).toContainText('made-in-ui')
  await expect(frame.page.getByRole('banner').getByLabel('Current project')).toHaveText(
    'made-in-ui'
  )
  // The project switcher remembers the first project and switches back to it.
  await frame.page.getByRole('banner').getByLabel('Current project').click()
  await page.getByRole('menuitem', { name: server.projectDir }).click()
  await expect(frame.page.getByRole('banner').getByLabel('Current project')).toHaveText('project')
})
