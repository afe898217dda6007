import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import type { ProjectStatsDto } from '../../src-shared/contract/stats'
import { fakeCore, renderPage } from '../test-utils/fakeCore'
import { OverviewPage } from './Overview.page'

const project = { dir: '/p', name: 'p', createdAt: '2026-01-01T00:00:00Z' }
const empty = {
  samples: 0,
  images: 0,
  runs: 0,
  responses: 0,
  pairs: 0,
  by_status: { pending: 0, accepted: 0, rejected: 0 },
  by_tier: { '1': 0, '2': 0, '3': 0 },
  pairs_by_tier: { '1': 0, '2': 0, '3': 0 },
  flip_rate_by_recipe: {},
  flip_rate_by_level: [],
  length_delta: {
    pairs: 0,
    mean_tokens: null,
    median_tokens: null,
    mean_words: null,
    mean_chars: null,
    share_rejected_longer: null,
    share_rejected_longer_chars: null
  },
  length_delta_histogram: { tokens: [], chars: [] },
  judge_score_histogram: [],
  accuracy_by_variant: {},
  by_tier_detail: {
    '1': { samples: 0, composed_samples: 0, pairs: 0, flip_rate: null, accuracy: null },
    '2': { samples: 0, composed_samples: 0, pairs: 0, flip_rate: null, accuracy: null },
    '3': { samples: 0, composed_samples: 0, pairs: 0, flip_rate: null, accuracy: null }
  },
  by_layout: {
    sequence: { samples: 0, pairs: 0 },
    grid: { samples: 0, pairs: 0 },
    pip: { samples: 0, pairs: 0 }
  }
} satisfies ProjectStatsDto

describe('OverviewPage', () => {
  it(
    'sends an empty project to Import, and refreshes when a job finishes',
    { timeout: 20_000 },
    async () => {
      let stats: typeof empty | Record<string, unknown> = empty
      const core = fakeCore({ 'project.current': () => project, 'stats.get': () => stats })
      renderPage(<OverviewPage />)
      expect(await screen.findByText('This project is empty')).toBeTruthy()
      fireEvent.click(screen.getByRole('link', { name: 'Import data' }))
      expect(screen.getByTestId('location').textContent).toBe('/import')

      stats = {
        ...empty,
        samples: 6,
        pairs: 4,
        by_status: { pending: 3, accepted: 1, rejected: 0 },
        length_delta: { ...empty.length_delta, share_rejected_longer: 0.75 as number | null }
      }
      core.push('job.finished', { id: 'generate-1', kind: 'generate' })
      expect(await screen.findByLabelText('Pairs: 4')).toBeTruthy()
      expect(screen.getByText(/Rejected is longer in 75% of pairs/)).toBeTruthy()
      expect(screen.getByText('No judge scores yet.')).toBeTruthy()
      expect(
        screen.getByRole('region', { name: 'Flip rate and accuracy by tier' }).textContent
      ).toContain('No answers compared or graded yet.')
      // Layouts show only once the project has composed samples.
      expect(screen.queryByRole('region', { name: 'Composed layouts' })).toBeNull()
      // A status count opens the Pairs page with that status.
      fireEvent.click(screen.getByLabelText('Accepted: 1').querySelector('a')!)
      await waitFor(() =>
        expect(screen.getByTestId('location').textContent).toBe('/pairs?status=accepted')
      )
    }
  )

  it('says when no project is open, and shows a failing stats call', async () => {
    fakeCore({ 'project.current': () => null })
    renderPage(<OverviewPage />)
    expect(await screen.findByText('No project open')).toBeTruthy()
  })
})
