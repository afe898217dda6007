import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import type { RankingDto } from '../../../src-shared/contract/judge'
import { renderWithMantine } from '../../test-utils/renderWithMantine'
import { RankingView } from './RankingView'

const ranking: RankingDto = {
  id: 3,
  prompt: 'a red bicycle',
  model: 'judge.gguf',
  isTestModel: true,
  images: 3,
  comparisons: 3,
  noVerdict: 1,
  createdAt: '2026-01-01T00:00:00Z',
  orderEffect: 0.125,
  // position 1 is best, then 2, then 0
  ranked: [
    { position: 1, label: 'b.png', sha256: 'b'.repeat(64), score: 0.9, rank: 1 },
    { position: 2, label: 'c.png', sha256: 'c'.repeat(64), score: 0.1, rank: 2 },
    { position: 0, label: 'a.png', sha256: 'a'.repeat(64), score: -1, rank: 3 }
  ],
  wins: [
    [0, 0.2, 0.4],
    [0.8, 0, 0.7],
    [0.6, 0.3, 0]
  ],
  pairs: [{ chosen: 1, rejected: 0, margin: 1.9 }]
}

describe('RankingView', () => {
  it('shows the images best first with their scores and the test-model label', () => {
    renderWithMantine(<RankingView ranking={ranking} imageUrl={(sha) => `/media/${sha}`} />)
    const cards = within(screen.getByLabelText('Ranked images')).getAllByRole('img')
    expect(cards.map((img) => img.getAttribute('alt'))).toEqual(['b.png', 'c.png', 'a.png'])
    expect(cards[0]!.getAttribute('src')).toBe(`/media/${'b'.repeat(64)}`)
    expect(screen.getByLabelText('Score of rank 1').textContent).toBe('0.900')
    expect(screen.getByText(/test model/)).toBeTruthy()
    expect(screen.getByText(/1 without verdict · position bias 0.125/)).toBeTruthy()
  })

  it('lays out the wins matrix in ranked order, row beat column', () => {
    renderWithMantine(<RankingView ranking={ranking} imageUrl={(sha) => `/media/${sha}`} />)
    const rows = within(screen.getByRole('table', { name: 'Wins matrix' })).getAllByRole('row')
    const cells = (i: number) =>
      within(rows[i]!)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    // Header row: #2 #3 #1 (positions 1, 2, 0). Row #2 (best): · vs itself, 0.70 over #3, 0.80 over #1.
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((c) => c.textContent)
    ).toEqual(['row beat column', '#2', '#3', '#1'])
    expect(cells(1)).toEqual(['·', '0.70', '0.80'])
    expect(cells(3)).toEqual(['0.20', '0.40', '·'])
    expect(screen.getByLabelText('Preference pairs').textContent).toContain(
      'chosen #2 ≻ rejected #1 · margin 1.900'
    )
  })
})
