import type { Page } from 'playwright-core'

/** p-quantile (0..1) of samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

export const round = (n: number) => Math.round(n * 10) / 10

/** Navigation to the pairs page until its first row is on screen, in ms. */
export async function firstPage(page: Page, url: string): Promise<number> {
  await page.goto('about:blank')
  const started = Date.now()
  await page.goto(url)
  await page.locator('[role="row"][data-pair-id]').first().waitFor({ state: 'visible' })
  return Date.now() - started
}

/**
 * Clicks a filter checkbox and times, inside the page, the click until the list shows the rows
 * of the new filter (`expectedQuery`, not the previous rows kept while loading) starting with
 * `expectedFirstId` (the core's answer for that filter), and one more frame painted them.
 */
export async function timeFilterClick(
  page: Page,
  label: string,
  expectedQuery: string,
  expectedFirstId: number
): Promise<number> {
  return page.evaluate(
    async ({ label, expectedQuery, expectedFirstId }) => {
      const box = [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find(
        (input) => input.labels?.[0]?.textContent === label
      )
      if (!box) throw new Error(`no checkbox ${label}`)
      const firstId = () =>
        Number(document.querySelector('[role="row"][data-pair-id]')?.getAttribute('data-pair-id'))
      const shownQuery = () =>
        document.querySelector('[data-testid="pairs-scroller"]')?.getAttribute('data-rows-query')
      const started = performance.now()
      box.click()
      for (;;) {
        await new Promise((resolve) => requestAnimationFrame(resolve))
        if (shownQuery() === expectedQuery && firstId() === expectedFirstId) break
        if (performance.now() - started > 10_000)
          throw new Error(`filter ${label}: row ${firstId()}, ${shownQuery()} at ${location.hash}`)
      }
      // The frame after the change is the one that shows it.
      await new Promise((resolve) => requestAnimationFrame(resolve))
      return performance.now() - started
    },
    { label, expectedQuery, expectedFirstId }
  )
}

/**
 * Presses `j` on the review page and times the keypress until the next pair is rendered: its id
 * on the page, its answers in both regions and every one of its images decoded.
 */
export async function timeNextPair(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const root = () => document.querySelector<HTMLElement>('[data-pair-id]')
    const before = root()?.getAttribute('data-pair-id')
    const started = performance.now()
    document.documentElement.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'j', bubbles: true })
    )
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      const el = root()
      const id = el?.getAttribute('data-pair-id')
      if (el && id && id !== before) {
        const images = [...el.querySelectorAll('img')]
        const answers = [
          ...el.querySelectorAll(
            'section[aria-label="Chosen answer"], section[aria-label="Rejected answer"]'
          )
        ]
        const ready =
          images.length > 0 &&
          images.every((img) => img.complete && img.naturalWidth > 0) &&
          answers.length === 2
        if (ready) break
      }
      if (performance.now() - started > 10_000) throw new Error('next pair timed out')
    }
    return performance.now() - started
  })
}

/** Scrolls the pair list at a steady speed for `ms` and counts the frames the page produced. */
export async function scrollFps(page: Page, ms: number, pxPerFrame: number): Promise<number> {
  return page.evaluate(
    async ({ ms, pxPerFrame }) => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="pairs-scroller"]')
      if (!scroller) throw new Error('no pairs scroller')
      let frames = 0
      const started = performance.now()
      await new Promise<void>((resolve) => {
        const tick = (now: number) => {
          frames++
          scroller.scrollTop += pxPerFrame
          if (now - started >= ms) resolve()
          else requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      })
      return frames / ((performance.now() - started) / 1000)
    },
    { ms, pxPerFrame }
  )
}
