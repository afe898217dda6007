import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { PUBLISHED_REFERENCES } from '../../src-shared/contract/judge'
import type { EvalReportDto } from '../../src-shared/contract/judge'
import { guessEvalFormat } from '../features/judge/judgeParams'
import { job, project, settings, shippedImages } from '../features/judge/judgeTestData'
import { fakeCore, renderPage } from '../test-utils/fakeCore'
import { EvaluationsPage } from './Evaluations.page'

const none = { accuracy: null, interval: null }
const report: EvalReportDto = {
  format: 'hpdv2',
  test_file: '/data/HPDv2/test.json',
  model: 'tiny (test model)',
  is_test_model: true,
  metric: 'HPD v2 accuracy',
  accuracy: 0.625,
  interval: { low: 0.5, high: 0.75 },
  pairs: 8,
  groups: 1,
  groups_total: 2,
  judgements: 16,
  no_verdict: 0,
  order_effect: 0,
  baselines: { random: none, always_first: none, hard_verdict: none, one_order: none },
  skipped: { groups: 1, reasons: { 'missing image': 1 } },
  references: PUBLISHED_REFERENCES.map((r) => ({ ...r })),
  caveat: null,
  seconds: 2
}

describe('guessEvalFormat', () => {
  it('reads the set from the path when its folder names it, else says nothing', () => {
    expect(guessEvalFormat('/data/HPDv2/test.json')).toBe('hpdv2')
    expect(guessEvalFormat('/data/ImageReward/test.json')).toBe('imagereward')
    expect(guessEvalFormat('/data/image_reward/test.json')).toBe('imagereward')
    expect(guessEvalFormat('/data/test.json')).toBeNull()
  })
})

describe('EvaluationsPage', () => {
  it(
    'starts an eval-prefs job, then shows its report and the items it skipped',
    { timeout: 20_000 },
    async () => {
      const summary = (id: number, accuracy: number) => ({
        id,
        format: 'hpdv2',
        testFile: report.test_file,
        model: report.model,
        isTestModel: true,
        accuracy,
        createdAt: '2026-01-01T00:00:00Z'
      })
      // An earlier report, chosen in the list before the run: the new one must replace it.
      let reports = [summary(3, 0.4)]
      let current = job('eval-prefs', 'running', 0)
      const core = fakeCore({
        'project.current': () => project,
        'settings.get': () => settings,
        'judge.templates': () => [shippedImages],
        'judge.reports': () => reports,
        'judge.report': (input) => {
          const { id } = input as { id: number }
          const accuracy = id === 7 ? 0.625 : 0.4
          return { id, createdAt: '2026-01-01T00:00:00Z', report: { ...report, accuracy } }
        },
        'jobs.start': () => ({ jobId: 'eval-prefs-1' }),
        'jobs.get': () => current,
        'jobs.errors': () => ({
          total: 1,
          items: [{ id: 1, item: 'group 1', reason: 'missing image: gone.png does not exist' }]
        })
      })
      renderPage(<EvaluationsPage />)
      fireEvent.click(await screen.findByText('HPD v2 · 40.0 %'))
      fireEvent.change(screen.getByRole('textbox', { name: 'Test set' }), {
        target: { value: '/data/HPDv2/test.json' }
      })
      expect(screen.getByText('To start: choose the images folder')).toBeTruthy()
      fireEvent.change(screen.getByRole('textbox', { name: 'Images folder' }), {
        target: { value: '/data/HPDv2' }
      })
      fireEvent.change(screen.getByRole('textbox', { name: 'Limit (groups)' }), {
        target: { value: '2' }
      })
      fireEvent.click(screen.getByRole('button', { name: 'Start evaluation' }))
      await waitFor(() => expect(core.callsOf('jobs.start')).toHaveLength(1))
      expect(core.callsOf('jobs.start')[0]).toEqual({
        kind: 'eval-prefs',
        params: {
          testModel: true,
          parallel: 3,
          ctxPerSlot: 4096,
          topLogprobs: 20,
          allPairsUpTo: 12,
          degree: 6,
          seed: 1,
          testFile: '/data/HPDv2/test.json',
          // From the path: the HPDv2 folder.
          format: 'hpdv2',
          imagesDir: '/data/HPDv2',
          bootstrapRounds: 1000,
          limit: 2
        }
      })
      const card = await screen.findByLabelText('Evaluation job')
      reports = [summary(7, 0.625), summary(3, 0.4)]
      current = job('eval-prefs', 'completed', 2, { reportId: 7, accuracy: 0.625 })
      core.push('job.finished', current)
      await waitFor(() =>
        expect(
          within(screen.getByRole('table', { name: 'Accuracy' })).getAllByRole('row')[1]!
            .textContent
        ).toContain('62.5 %')
      )
      expect(await within(card).findByText('missing image: gone.png does not exist')).toBeTruthy()
    }
  )

  it('says what to do in the studio when there is no report, the CLI second', async () => {
    fakeCore({
      'project.current': () => project,
      'settings.get': () => settings,
      'judge.templates': () => [shippedImages],
      'judge.reports': () => []
    })
    renderPage(<EvaluationsPage />)
    expect(
      (await screen.findByText(/Choose a test set and its images folder above/)).textContent
    ).toMatch(/command line as delta-studio eval-prefs/)
  })
})
