import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { generateParams } from '../features/generate/GenerateForm'
import { fakeCore, renderPage } from '../test-utils/fakeCore'
import { GeneratePage } from './Generate.page'

const project = { dir: '/p', name: 'p', createdAt: '2026-01-01T00:00:00Z' }
const settings = {
  settings: {
    model: null,
    mmproj: null,
    useTestModel: false,
    endpoints: [],
    slots: 3,
    ctxPerSlot: 1024,
    recentProjects: []
  },
  overrides: [],
  file: '/cfg/settings.json'
}
const job = (status: string, done: number) => ({
  id: 'generate-1',
  kind: 'generate',
  status,
  params: { testModel: true, recipes: ['downsample:4'], maxTokens: 64 },
  done,
  total: 10,
  unit: 'samples',
  itemsPerSecond: 2.5,
  tokensPerSecond: 340,
  etaSeconds: 130,
  message: null,
  error: null,
  errorCount: 0,
  stats: null,
  createdAt: '',
  startedAt: '',
  finishedAt: null
})

const form = {
  source: 'test' as const,
  model: '',
  mmproj: '',
  endpoints: '',
  recipes: ['downsample:4'],
  mode: 'label-free' as const,
  maxTokens: 64,
  parallel: 2,
  ctxPerSlot: 2048,
  gpuLayers: 0,
  limit: null
}

describe('generateParams', () => {
  it('says what is missing instead of starting a job that would fail', () => {
    expect(generateParams({ ...form, recipes: ['jpeg:0'] }).problem).toMatch(
      /recipe "jpeg:0": jpeg quality/
    )
    expect(generateParams({ ...form, source: 'local', model: '/m.gguf' }).problem).toMatch(/mmproj/)
    expect(generateParams({ ...form, source: 'endpoints' }).problem).toMatch(/endpoint/)
    expect(generateParams({ ...form, limit: 5 }).params).toEqual({
      recipes: ['downsample:4'],
      mode: 'label-free',
      maxTokens: 64,
      parallel: 2,
      ctxPerSlot: 2048,
      limit: 5,
      testModel: true
    })
  })

  it('offloads the saved GPU layers with a local model only', () => {
    const local = { ...form, source: 'local' as const, model: '/m.gguf', mmproj: '/p.gguf' }
    expect(generateParams({ ...local, gpuLayers: 999 }).params).toMatchObject({
      model: '/m.gguf',
      mmproj: '/p.gguf',
      gpuLayers: 999
    })
    expect(generateParams({ ...form, gpuLayers: 999 }).params).not.toHaveProperty('gpuLayers')
  })
})

describe('GeneratePage', () => {
  it(
    'starts from the saved settings, shows rates and ETA, cancels and resumes',
    { timeout: 20_000 },
    async () => {
      let current = job('running', 4)
      const core = fakeCore({
        'project.current': () => project,
        'settings.get': () => settings,
        'jobs.start': () => ({ jobId: 'generate-1' }),
        'jobs.get': () => current,
        'jobs.cancel': () => (current = job('cancelled', 4)),
        'jobs.errors': () => ({ total: 0, items: [] })
      })
      renderPage(<GeneratePage />)
      expect(await screen.findByText(/meaningless words/)).toBeTruthy()
      await waitFor(() =>
        expect(screen.getByRole('textbox', { name: 'Parallel slots' })).toHaveProperty('value', '3')
      )
      fireEvent.click(screen.getByRole('button', { name: 'Start generation' }))
      await waitFor(() => expect(core.callsOf('jobs.start')).toHaveLength(1))
      expect(core.callsOf('jobs.start')[0]).toMatchObject({
        kind: 'generate',
        params: {
          testModel: true,
          parallel: 3,
          ctxPerSlot: 1024,
          recipes: ['downsample:2', 'downsample:4', 'downsample:8']
        }
      })
      expect((await screen.findByLabelText('Job throughput')).textContent).toBe(
        '2.5 samples/s · 340 tok/s · 2m 10s left'
      )
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
      await waitFor(() => expect(core.callsOf('jobs.cancel')).toEqual([{ id: 'generate-1' }]))
      core.push('job.finished', current)
      fireEvent.click(await screen.findByRole('button', { name: 'Resume' }))
      await waitFor(() => expect(core.callsOf('jobs.start')).toHaveLength(2))
      expect(core.callsOf('jobs.start')[1]).toEqual({ kind: 'generate', params: current.params })
    }
  )
})
