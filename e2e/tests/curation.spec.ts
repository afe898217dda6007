import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { expect, test } from '@playwright/test'

import type { PairDto, PairPageDto } from '../../src-shared/contract/pairs'
import { startAppServer } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { AppFramePom } from '../support/pages/app-frame'
import { PairsPom } from '../support/pages/pairs-page'
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

let scratch: string
let server: AppServer

async function allPairs(): Promise<PairDto[]> {
  const rows: PairDto[] = []
  let cursor: string | null = null
  do {
    const page: PairPageDto = await rpc(server, 'pairs.list', {
      cursor,
      limit: 500,
      withTotal: false
    })
    rows.push(...page.rows)
    cursor = page.nextCursor
  } while (cursor)
  return rows
}

const STRONG_RECIPES = [
  'downsample:2',
  'downsample:4',
  'downsample:8',
  'pixelate:16',
  'blur:4',
  'noise:80',
  'jpeg:5'
]

test.describe.configure({ timeout: 600_000 })

test.beforeAll(async () => {
  test.setTimeout(600_000)
  mkdirSync(ARTIFACTS, { recursive: true })
  scratch = mkdtempSync(join(tmpdir(), 'ds-e2e-curation-'))
  const project = join(scratch, 'demo')
  // The real pipeline: demo images with ground truth, then the tiny test VLM on the real sidecar.
  cli('demo', project, '--count', '20', '--json')
  const generated = JSON.parse(
    // The test model's answers hinge little on the image: strong degradations beside the
    // graded downsampling give enough differing answers (pairs) to review.
    cli(
      'generate',
      project,
      '--test-model',
      '--max-tokens',
      '24',
      ...STRONG_RECIPES.flatMap((recipe) => ['--recipe', recipe]),
      '--json'
    )
      .trim()
      .split('\n')
      .pop()!
  ) as { status: string; pairs: number }
  expect(generated.status).toBe('completed')
  expect(generated.pairs).toBeGreaterThanOrEqual(22)
  server = await startAppServer({ projectDir: project })
})

test.afterAll(async () => {
  await server?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

test('review by keyboard, swap, edit, undo, filter, bulk accept', async ({ page }) => {
  const frame = new AppFramePom(page)
  const review = new ReviewPom(page)
  const pairs = new PairsPom(page)
  await page.goto(server.url)
  await frame.nav('Review').click()
  await expect(review.chosen()).toBeVisible()
  for (const name of [
    'Accept',
    'Reject',
    'Swap',
    'Edit chosen',
    'Edit rejected',
    'Undo',
    'Redo',
    'Next pair',
    'Previous pair'
  ]) {
    await expect(review.button(name)).toHaveCount(1)
  }
  await page.keyboard.press('Shift+?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden()

  // One zoom and pan for every pane: wheel over HQ zooms LQ the same; 1:1 and split work.
  const panes = page.locator('[data-zoom]')
  await expect(panes).toHaveCount(2)
  const hqBox = (await panes.first().boundingBox())!
  await page.mouse.move(hqBox.x + hqBox.width / 2, hqBox.y + hqBox.height / 2)
  await page.mouse.wheel(0, -300)
  await expect(panes.first()).not.toHaveAttribute('data-zoom', '1.000')
  const zoom = await panes.first().getAttribute('data-zoom')
  await expect(panes.nth(1)).toHaveAttribute('data-zoom', zoom!)
  await page.keyboard.press('0')
  await expect(panes.nth(1)).toHaveAttribute('data-zoom', '1.000')
  await review.button('1:1 pixels').click()
  await expect(panes.first()).not.toHaveAttribute('data-zoom', '1.000')
  await page.keyboard.press('v')
  await expect(page.getByRole('slider', { name: 'Split position' })).toBeVisible()
  await expect(panes).toHaveCount(1)
  await page.keyboard.press('v')
  await page.keyboard.press('0')

  // Review 20 pairs: accept or reject with one key each; auto-advance moves on.
  const decisions = new Map<number, 'accepted' | 'rejected'>()
  for (let i = 0; i < 20; i++) {
    const id = await review.pairId()
    const accept = i % 3 !== 2
    await page.keyboard.press(accept ? 'a' : 'r')
    decisions.set(id, accept ? 'accepted' : 'rejected')
    await expect(review.root()).not.toHaveAttribute('data-pair-id', String(id))
  }
  await page.screenshot({ path: join(ARTIFACTS, 'review-light.png') })

  // Swap the 21st pair, then edit its chosen answer inline.
  const target = await review.pairId()
  const before = await rpc(server, 'pairs.get', { id: target })
  await page.keyboard.press('s')
  await expect(review.chosen()).toContainText(before.rejected.slice(0, 40))
  await page.keyboard.press('e')
  await review.editor('Chosen').fill('A corrected answer written in review.')
  await page.keyboard.press('Control+Enter')
  await expect(review.chosen()).toContainText('A corrected answer written in review.')
  await expect(review.history()).toContainText('editChosen')
  const edited = await rpc(server, 'pairs.get', { id: target })
  expect(edited.swapped).toBe(true)
  expect(edited.chosenEdited).toBe(true)

  // Undo twice: the edit, then the swap.
  await page.keyboard.press('Control+z')
  await expect(review.chosen()).not.toContainText('A corrected answer written in review.')
  await expect(review.chosen()).toContainText(before.rejected.slice(0, 40))
  await page.keyboard.press('Control+z')
  await expect(review.chosen()).toContainText(before.chosen.slice(0, 40))
  const restored = await rpc(server, 'pairs.get', { id: target })
  expect(restored.swapped).toBe(false)
  expect(restored.chosenEdited).toBe(false)
  expect(restored.chosen).toBe(before.chosen)
  expect(restored.rejected).toBe(before.rejected)

  // Decisions are stored.
  for (const [id, status] of decisions) {
    expect((await rpc(server, 'pairs.get', { id })).status, `pair ${id}`).toBe(status)
  }

  // Filter by tier and a length-delta range; the count is the core's count for that filter.
  const stored = await allPairs()
  const tier = ([1, 2, 3] as const)
    .map((t) => ({ t, n: stored.filter((p) => p.tier === t).length }))
    .sort((a, b) => b.n - a.n)[0]!.t
  const deltas = stored
    .filter((p) => p.tier === tier && p.deltaTokens !== null)
    .map((p) => p.deltaTokens!)
    .sort((a, b) => a - b)
  const min = deltas[Math.floor(deltas.length / 4)]!
  const max = deltas[Math.floor((deltas.length * 3) / 4)]!
  const expected = stored.filter(
    (p) => p.tier === tier && p.deltaTokens !== null && p.deltaTokens >= min && p.deltaTokens <= max
  )
  expect(expected.length).toBeGreaterThan(0)
  expect(expected.length).toBeLessThan(stored.length)

  await frame.nav('Pairs').click()
  await expect(pairs.rows().first()).toBeVisible()
  // The filter lives in the URL: the box shows checked once the navigation commits.
  await pairs.facet('Tier', `Tier ${tier}`).click()
  await expect(pairs.facet('Tier', `Tier ${tier}`)).toBeChecked()
  // A range above every stored delta matches nothing: the range really constrains the list.
  await pairs.rangeInput('Length delta (tokens)', 'min').fill(String(deltas.at(-1)! + 1))
  await expect(pairs.matching()).toHaveText('0 matching')
  await expect(pairs.table().getByRole('status')).toHaveText('No pairs match these filters')
  await pairs.rangeInput('Length delta (tokens)', 'min').fill(String(min))
  await pairs.rangeInput('Length delta (tokens)', 'max').fill(String(max))
  await expect(pairs.matching()).toHaveText(`${expected.length} matching`)
  // The list is virtualized: the row count is announced, not every row is in the DOM.
  await expect(pairs.table()).toHaveAttribute('aria-rowcount', String(expected.length + 1))
  await expect(pairs.rows().first()).toHaveAttribute('data-pair-id', String(expected[0]!.id))
  expect(page.url()).toContain(`tier=${tier}`)
  expect(page.url()).toContain(`dtok=${encodeURIComponent(`${min}..${max}`)}`)
  await page.screenshot({ path: join(ARTIFACTS, 'pairs-light.png') })

  // Bulk-accept the whole filtered set; the confirmation states the count.
  await pairs.bulkButton('Accept…').click()
  await expect(pairs.confirmDialog()).toContainText(`Accept ${expected.length} pair`)
  await pairs
    .confirmDialog()
    .getByRole('button', { name: /^Accept \d+ pairs?$/ })
    .click()
  const changed = expected.filter((p) => p.status !== 'accepted').length
  await expect(pairs.bulkResult()).toContainText(
    `Accept ${expected.length} pair${expected.length === 1 ? '' : 's'}: ${changed} changed`
  )

  const after = await allPairs()
  const inFilter = new Set(expected.map((p) => p.id))
  for (const pair of after) {
    const was = stored.find((p) => p.id === pair.id)!
    expect(pair.status, `pair ${pair.id}`).toBe(inFilter.has(pair.id) ? 'accepted' : was.status)
  }

  // One-step undo of the bulk change restores every status.
  await pairs.bulkButton('Undo bulk change').click()
  await expect(pairs.bulkResult()).toBeHidden()
  const undone = await allPairs()
  for (const pair of undone) {
    expect(pair.status, `pair ${pair.id}`).toBe(stored.find((p) => p.id === pair.id)!.status)
  }

  // A change made elsewhere (another window, the CLI) shows up without a reload.
  const shown = expected[0]!
  await expect(pairs.row(shown.id).getByLabel(/^Status:/)).toHaveAccessibleName(
    `Status: ${shown.status === 'pending' ? 'Pending' : shown.status === 'accepted' ? 'Accepted' : 'Rejected'}`
  )
  const flip = shown.status === 'rejected' ? 'accept' : 'reject'
  await rpc(server, 'pairs.update', { id: shown.id, op: { op: flip } })
  await expect(pairs.row(shown.id).getByLabel(/^Status:/)).toHaveAccessibleName(
    flip === 'accept' ? 'Status: Accepted' : 'Status: Rejected'
  )

  await frame.themeToggle().click()
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await page.screenshot({ path: join(ARTIFACTS, 'pairs-dark.png') })
  await pairs.row(shown.id).click()
  await expect(review.chosen()).toBeVisible()
  await expect(page.getByRole('img', { name: /^HQ/ }).first()).toBeVisible()
  await page.screenshot({ path: join(ARTIFACTS, 'review-dark.png') })
})
