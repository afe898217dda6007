import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { renderWithMantine } from '../../test-utils/renderWithMantine'
import { JudgeOrders } from './JudgeOrders'

describe('JudgeOrders', () => {
  it('shows both one-order scores, "no verdict" for a missing one, and the reversed flag', () => {
    renderWithMantine(
      <JudgeOrders
        judge={{
          model: 'qwen2.5-vl',
          isTestModel: false,
          chosenFirst: 0.3,
          rejectedFirst: null,
          reversed: true
        }}
      />
    )
    expect(screen.getByLabelText('Judge orders').textContent).toContain(
      'chosen first 0.30 · rejected first no verdict'
    )
    expect(screen.getByText('judge prefers rejected')).toBeTruthy()
    expect(screen.queryByText('test model')).toBeNull()
  })

  it('labels a test-model judge and shows no flag when the judge agrees', () => {
    renderWithMantine(
      <JudgeOrders
        judge={{
          model: 'tiny',
          isTestModel: true,
          chosenFirst: 0.8,
          rejectedFirst: 0.1,
          reversed: false
        }}
      />
    )
    expect(screen.getByText('test model')).toBeTruthy()
    expect(screen.queryByText('judge prefers rejected')).toBeNull()
  })
})
