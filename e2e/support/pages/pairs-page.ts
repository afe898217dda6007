import type { Locator, Page } from '@playwright/test'

/** Page object for the pairs browser: filters, list, bulk actions. */
export class PairsPom {
  constructor(readonly page: Page) {}

  filters(): Locator {
    return this.page.getByRole('form', { name: 'Filters' })
  }

  facet(group: string, value: string): Locator {
    return this.filters()
      .getByRole('group', { name: group, exact: true })
      .getByRole('checkbox', { name: value, exact: true })
  }

  rangeInput(title: string, bound: 'min' | 'max'): Locator {
    return this.filters().getByRole('textbox', { name: `${title} ${bound}` })
  }

  matching(): Locator {
    return this.page.getByRole('status', { name: 'Matching pairs' })
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Pairs' })
  }

  rows(): Locator {
    return this.table().locator('[role="row"][data-pair-id]')
  }

  row(id: number): Locator {
    return this.table().getByRole('row', { name: `Pair ${id}`, exact: true })
  }

  bulkButton(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }

  confirmDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Confirm bulk change' })
  }

  bulkResult(): Locator {
    return this.page.getByRole('status', { name: 'Bulk result' })
  }
}
