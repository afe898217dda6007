import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { diffWords } from '../../../src-shared/domain/word-diff'
import { renderWithMantine } from '../../test-utils/renderWithMantine'
import { AnswerDiff } from './AnswerDiff'

describe('AnswerDiff', () => {
  const segments = diffWords('A red car.', 'A blue car parked.')

  it('marks on each side the words the other side lacks', () => {
    const { container } = renderWithMantine(
      <>
        <section aria-label="a">
          <AnswerDiff segments={segments} side="a" highlight />
        </section>
        <section aria-label="b">
          <AnswerDiff segments={segments} side="b" highlight />
        </section>
      </>
    )
    const a = screen.getByRole('region', { name: 'a' })
    const b = screen.getByRole('region', { name: 'b' })
    expect(a.textContent).toBe('A red car.')
    expect(b.textContent).toBe('A blue car parked.')
    expect([...a.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['red'])
    expect([...b.querySelectorAll('mark')].map((m) => m.textContent?.trim())).toEqual([
      'blue',
      'parked'
    ])
    expect(container.querySelectorAll('mark[data-diff="removed"]')).toHaveLength(1)
  })

  it('shows plain text when highlighting is off', () => {
    renderWithMantine(
      <section aria-label="b">
        <AnswerDiff segments={segments} side="b" highlight={false} />
      </section>
    )
    const b = screen.getByRole('region', { name: 'b' })
    expect(b.querySelectorAll('mark')).toHaveLength(0)
    expect(b.textContent).toBe('A blue car parked.')
  })
})
