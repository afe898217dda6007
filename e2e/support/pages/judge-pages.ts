import type { Locator, Page } from '@playwright/test'

/** Page objects for starting the judge's jobs (Rankings, Evaluations) and its prompts (Models). */
export class JudgePom {
  constructor(readonly page: Page) {}

  form(name: 'Rank images' | 'Evaluate the judge'): Locator {
    return this.page.getByRole('region', { name, exact: true })
  }

  field(form: Locator, name: string): Locator {
    return form.getByRole('textbox', { name, exact: true })
  }

  jobStatus(label: string): Locator {
    return this.page.getByLabel(`${label} job`, { exact: true }).getByLabel('Job status')
  }

  itemErrors(label: string): Locator {
    return this.page.getByLabel(`${label} job`, { exact: true }).getByRole('table', {
      name: 'Item errors'
    })
  }

  template(name: string): Locator {
    return this.page.getByLabel(`Template ${name}`, { exact: true })
  }
}
