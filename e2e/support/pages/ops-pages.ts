import type { Locator, Page } from '@playwright/test'

/** Page objects for the Jobs, Export and Models pages. */
export class JobsPom {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByRole('table', { name: 'Jobs' })
  }

  row(kind: string): Locator {
    return this.table().getByRole('row', { name: new RegExp(`^${kind} job `) })
  }
}

export class ExportPom {
  constructor(readonly page: Page) {}

  async chooseAllStatuses(): Promise<void> {
    await this.page.getByText('All statuses', { exact: true }).click()
  }

  outputFolder(): Locator {
    return this.page.getByRole('textbox', { name: 'Output folder' })
  }

  completed(): Locator {
    return this.page.getByRole('table', { name: 'Completed exports' })
  }
}

export class ModelsPom {
  constructor(readonly page: Page) {}

  state(state: string): Locator {
    return this.page.getByLabel(`Sidecar ${state}`)
  }

  async start(model: string, mmproj: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Model GGUF' }).fill(model)
    await this.page.getByRole('textbox', { name: 'Projector (mmproj) GGUF' }).fill(mmproj)
    await this.page.getByRole('button', { name: 'Start sidecar' }).click()
  }
}
