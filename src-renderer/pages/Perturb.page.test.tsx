import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { FakeRpcError, fakeCore, renderPage } from '../test-utils/fakeCore'
import { PerturbPage } from './Perturb.page'

const project = { dir: '/p', name: 'p', createdAt: '2026-01-01T00:00:00Z' }
const sha = 'a'.repeat(64)
const sample = {
  id: 7,
  externalId: null,
  question: 'What digit?',
  groundTruth: '4',
  tier: 1,
  tierSource: 'auto',
  images: [{ sha256: sha, width: 64, height: 48, format: 'png', position: 0, recipeKey: null }],
  metadata: null,
  responseCount: 0,
  pairCount: 0,
  createdAt: ''
}

describe('PerturbPage', () => {
  it(
    'builds a chain, names a recipe the parser refuses, previews, and starts the job',
    { timeout: 20_000 },
    async () => {
      const core = fakeCore({
        'project.current': () => project,
        'samples.list': () => ({ rows: [sample], nextCursor: null, total: 1 }),
        'perturb.preview': (input) => {
          const { recipe } = input as { recipe: string }
          if (recipe.includes('pixelate'))
            throw new FakeRpcError('INTERNAL', 'sharp failed on purpose')
          return {
            recipeKey: recipe,
            recipe,
            source: { sha256: sha, width: 64, height: 48 },
            variant: {
              dataUri: 'data:image/png;base64,AA==',
              width: 64,
              height: 48,
              format: 'jpeg',
              bytes: 900
            },
            psnr: 27.46,
            ssim: 0.8123,
            ms: 12
          }
        },
        'jobs.start': () => ({ jobId: 'perturb-1' }),
        'jobs.get': () => ({
          id: 'perturb-1',
          kind: 'perturb',
          status: 'queued',
          done: 0,
          total: 1,
          unit: 'images',
          itemsPerSecond: null,
          tokensPerSecond: null,
          etaSeconds: null,
          message: null,
          error: null,
          errorCount: 0,
          stats: null,
          params: {},
          createdAt: '',
          startedAt: null,
          finishedAt: null
        })
      })
      renderPage(<PerturbPage />)
      const recipe = await screen.findByRole('textbox', { name: /^Recipe/ })
      expect((recipe as HTMLInputElement).value).toBe('blur:2+jpeg:40')
      expect(screen.getByRole('combobox', { name: 'Step 2' })).toHaveProperty('value', 'jpeg')

      fireEvent.change(recipe, { target: { value: 'blur:2+jpeg:400' } })
      expect(
        await screen.findByText(/recipe "blur:2\+jpeg:400": jpeg quality must be 1–100, got 400/)
      ).toBeTruthy()
      expect(screen.getByRole('button', { name: 'Add recipe to the job' })).toHaveProperty(
        'disabled',
        true
      )

      fireEvent.change(recipe, { target: { value: 'blur:2' } })
      fireEvent.click(screen.getByRole('button', { name: 'Add step' }))
      expect((recipe as HTMLInputElement).value).toMatch(/^blur:2\+jpeg:\d+$/)
      fireEvent.click(screen.getByRole('button', { name: 'Remove step 2' }))
      expect((recipe as HTMLInputElement).value).toBe('blur:2')

      await waitFor(() =>
        expect(screen.getByRole('button', { name: 'Preview' })).toHaveProperty('disabled', false)
      )
      fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
      expect((await screen.findByLabelText('PSNR')).textContent).toBe('PSNR 27.5 dB')
      expect(screen.getByLabelText('SSIM').textContent).toBe('SSIM 0.812')
      expect(core.callsOf('perturb.preview')).toEqual([{ recipe: 'blur:2', sha256: sha }])

      fireEvent.change(recipe, { target: { value: 'pixelate:8' } })
      fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
      expect((await screen.findByRole('alert')).textContent).toMatch(/sharp failed on purpose/)

      fireEvent.click(screen.getByRole('button', { name: 'Add recipe to the job' }))
      fireEvent.change(recipe, { target: { value: 'blur:2+jpeg:40' } })
      fireEvent.click(screen.getByRole('button', { name: 'Add recipe to the job' }))
      fireEvent.click(screen.getByRole('button', { name: 'Start perturb job' }))
      await waitFor(() =>
        expect(core.callsOf('jobs.start')).toEqual([
          { kind: 'perturb', params: { recipes: ['pixelate:8', 'blur:2+jpeg:40'] } }
        ])
      )
      expect(await screen.findByLabelText('Perturb job')).toBeTruthy()
    }
  )
})
