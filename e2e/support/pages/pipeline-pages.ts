import type { Locator, Page } from '@playwright/test'

/** Page objects for the pipeline pages: Overview, Import, Perturb, Generate. */
export class PipelinePom {
  constructor(readonly page: Page) {}

  textbox(name: string): Locator {
    return this.page.getByRole('textbox', { name, exact: true })
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }

  job(label: string): Locator {
    return this.page.getByLabel(`${label} job`, { exact: true })
  }

  jobStatus(label: string): Locator {
    return this.job(label).getByLabel('Job status')
  }

  chart(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true })
  }

  alert(): Locator {
    return this.page.getByRole('alert')
  }
}
