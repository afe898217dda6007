import type { Locator, Page } from '@playwright/test'

/** Page object for the frame every page shares: navigation, header, theme. */
export class AppFramePom {
  constructor(readonly page: Page) {}

  nav(label: string): Locator {
    return this.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: label })
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 2 })
  }

  connection(): Locator {
    return this.page.getByRole('status', { name: /Connection:/ })
  }

  themeToggle(): Locator {
    return this.page.getByRole('button', { name: /Switch to (dark|light) theme/ })
  }
}
