import type { Locator, Page } from '@playwright/test'

/** Page object for the review page: the current pair, its answers and the actions. */
export class ReviewPom {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.locator('[data-pair-id]').filter({ has: this.chosen() })
  }

  async pairId(): Promise<number> {
    return Number(await this.root().getAttribute('data-pair-id'))
  }

  chosen(): Locator {
    return this.page.getByRole('region', { name: 'Chosen answer', exact: true })
  }

  rejected(): Locator {
    return this.page.getByRole('region', { name: 'Rejected answer', exact: true })
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }

  editor(slot: 'Chosen' | 'Rejected'): Locator {
    return this.page.getByRole('textbox', { name: `${slot} answer text` })
  }

  position(): Locator {
    return this.page.getByLabel('Position')
  }

  history(): Locator {
    return this.page.getByRole('table', { name: 'Pair history' })
  }
}
