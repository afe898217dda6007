import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { rankParams } from '../features/judge/judgeParams'
import { job, project, settings, shippedImages } from '../features/judge/judgeTestData'
import { fakeCore, renderPage } from '../test-utils/fakeCore'
import { RankingsPage } from './Rankings.page'

const summary = {
  id: 4,
  prompt: 'a teal square',
  model: 'tiny (test model)',
  isTestModel: true,
  images: 2,
  comparisons: 1,
  noVerdict: 0,
  createdAt: '2026-01-01T00:00:00Z'
}
const ranking = {
  ...summary,
  orderEffect: 0,
  ranked: [
    { position: 1, label: 'b.png', sha256: 'b'.repeat(64), score: 0.5, rank: 1 },
    { position: 0, label: 'a.png', sha256: 'a'.repeat(64), score: -0.5, rank: 2 }
  ],
  wins: [
    [0, 0.3],
    [0.7, 0]
  ],
  pairs: [{ chosen: 1, rejected: 0, margin: 1 }]
}
const form = {
  source: 'test' as const,
  model: '',
  mmproj: '',
  endpoints: '',
  gpuLayers: 0,
  parallel: 2,
  ctxPerSlot: 2048,
  topLogprobs: 20,
  allPairsUpTo: 12,
  degree: 6,
  seed: 1,
  promptSet: '/s.json',
  pairs: 'best-worst' as const,
  margin: 1
}

describe('rankParams', () => {
  it('says what is missing, and sends the margin only with the margin policy', () => {
    expect(rankParams({ ...form, promptSet: ' ' }).problem).toMatch(/prompt-set/)
    expect(rankParams({ ...form, source: 'local', model: '/m.gguf' }).problem).toMatch(/mmproj/)
    // A local model's sidecar takes the saved GPU layers, as generation's does.
    expect(
      rankParams({ ...form, source: 'local', model: '/m.gguf', mmproj: '/p.gguf', gpuLayers: 99 })
        .params
    ).toMatchObject({ model: '/m.gguf', mmproj: '/p.gguf', gpuLayers: 99 })
    expect(rankParams(form).params).not.toHaveProperty('margin')
    expect(rankParams(form).params).not.toHaveProperty('gpuLayers')
    expect(rankParams({ ...form, pairs: 'margin', margin: 0.5 }).params).toMatchObject({
      pairs: 'margin',
      margin: 0.5
    })
    // The studio pool sizes itself: no sidecar slots or context are sent.
    const pooled = rankParams({ ...form, source: 'pool' }).params
    expect(pooled).toMatchObject({ pool: true })
    expect(pooled).not.toHaveProperty('parallel')
  })
})

describe('RankingsPage', () => {
  it(
    'starts a rank job from the form, follows it, then lists the new ranking',
    { timeout: 20_000 },
    async () => {
      let rankings: (typeof summary)[] = []
      let current = job('rank', 'running', 1)
      const core = fakeCore({
        'project.current': () => project,
        'settings.get': () => settings,
        'judge.templates': () => [shippedImages],
        'judge.rankings': () => rankings,
        'judge.ranking': () => ranking,
        'jobs.start': () => ({ jobId: 'rank-1' }),
        'jobs.get': () => current,
        'jobs.errors': () => ({
          total: 1,
          items: [{ id: 1, item: 'prompt 2', reason: '1 image(s): a ranking needs at least 2' }]
        })
      })
      renderPage(<RankingsPage />)
      // The empty state points at the form first, the CLI second.
      expect((await screen.findByText(/Choose a prompt-set file above/)).textContent).toMatch(
        /command line as delta-studio rank/
      )
      expect(await screen.findByLabelText('Judge prompt in force')).toHaveProperty(
        'textContent',
        expect.stringContaining('judge-images (shipped)')
      )
      const start = screen.getByRole('button', { name: 'Start ranking' })
      expect(start).toHaveProperty('disabled', true)
      fireEvent.change(screen.getByRole('textbox', { name: 'Prompt set' }), {
        target: { value: '/data/set.json' }
      })
      fireEvent.change(screen.getByRole('textbox', { name: 'Top logprobs' }), {
        target: { value: '259' }
      })
      fireEvent.click(screen.getByRole('radio', { name: 'Every pair above a margin' }))
      fireEvent.change(screen.getByRole('textbox', { name: 'Margin' }), {
        target: { value: '0.5' }
      })
      fireEvent.click(start)
      await waitFor(() => expect(core.callsOf('jobs.start')).toHaveLength(1))
      expect(core.callsOf('jobs.start')[0]).toEqual({
        kind: 'rank',
        params: {
          testModel: true,
          parallel: 3,
          ctxPerSlot: 4096,
          topLogprobs: 259,
          allPairsUpTo: 12,
          degree: 6,
          seed: 1,
          promptSet: '/data/set.json',
          pairs: 'margin',
          margin: 0.5
        }
      })
      const card = await screen.findByLabelText('Rank job')
      expect(within(card).getByLabelText('Job counts').textContent).toBe('1 / 2 prompts')

      rankings = [summary]
      current = job('rank', 'completed', 2, { rankings: 1 })
      core.push('job.finished', current)
      expect(await screen.findByRole('heading', { name: '“a teal square”' })).toBeTruthy()
      // The per-item errors the job recorded stay visible under its card.
      expect(await within(card).findByText('1 image(s): a ranking needs at least 2')).toBeTruthy()
      expect(screen.queryByText(/Choose a prompt-set file above/)).toBeNull()
    }
  )
})
