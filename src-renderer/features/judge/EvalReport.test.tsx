import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import type { EvalReportDto } from '../../../src-shared/contract/judge'
import { PUBLISHED_REFERENCES } from '../../../src-shared/contract/judge'
import { renderWithMantine } from '../../test-utils/renderWithMantine'
import { EvalReport } from './EvalReport'

const acc = (a: number, lo: number, hi: number) => ({
  accuracy: a,
  interval: { low: lo, high: hi }
})

const report: EvalReportDto = {
  format: 'imagereward',
  test_file: '/data/test.json',
  model: 'tiny-text.gguf (test model)',
  is_test_model: true,
  metric: 'ImageReward pairwise accuracy',
  accuracy: 0.5123,
  interval: { low: 0.45, high: 0.57 },
  pairs: 29,
  groups: 3,
  groups_total: 6,
  judgements: 62,
  no_verdict: 4,
  order_effect: 0.01,
  baselines: {
    random: acc(0.48, 0.4, 0.55),
    always_first: acc(0.3, 0.2, 0.4),
    hard_verdict: { accuracy: 0, interval: null },
    one_order: acc(0.55, 0.5, 0.6)
  },
  skipped: { groups: 3, reasons: { 'missing image': 1, 'empty group': 2 } },
  references: PUBLISHED_REFERENCES.map((r) => ({ ...r })),
  caveat: 'The test model has random weights.',
  seconds: 3
}

describe('EvalReport', () => {
  it('tabulates the method and every baseline with their intervals', () => {
    renderWithMantine(<EvalReport report={report} />)
    const rows = within(screen.getByRole('table', { name: 'Accuracy' })).getAllByRole('row')
    const text = rows.map((r) => r.textContent)
    expect(text[1]).toBe('Soft judge, both orders, Bradley–Terry51.2 %45.0 % – 57.0 %')
    expect(text[3]).toBe('Hard verdicts (sampled text)0.0 %—')
    expect(text[4]).toContain('30.0 %')
    expect(rows).toHaveLength(6)
  })

  it('shows the published figures beside it with the test-model caveat and the skips', () => {
    renderWithMantine(<EvalReport report={report} />)
    const refs = screen.getByRole('table', { name: 'Published references' })
    expect(refs.textContent).toContain('64.9 %')
    expect(refs.textContent).toContain('65.4 %')
    expect(refs.textContent).toContain('65.7 %')
    expect(refs.textContent).toContain('83.3 %')
    expect(screen.getByRole('note').textContent).toContain('random weights')
    expect(screen.getByLabelText('Skipped groups').textContent).toContain(
      'Skipped 3 groups: missing image 1, empty group 2'
    )
  })
})
