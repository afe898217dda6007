import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { describe, expect, it } from 'vitest'

import type { JobDto } from '../../../../src-shared/contract/jobs'
import { createClient } from '../../../../src-shared/rpc/client'
import type { EventEnvelope } from '../../../../src-shared/rpc/envelope'
import type { Transport } from '../../../../src-shared/rpc/transport'
import { setApiForTests } from '../../../api/client'
import { formatDuration, formatThroughput } from '../useActiveJobs'
import { JobsIndicator } from './JobsIndicator'

const job = (over: Partial<JobDto>): JobDto => ({
  id: 'generate-1',
  kind: 'generate',
  status: 'running',
  params: {},
  done: 0,
  total: 100,
  unit: 'samples',
  itemsPerSecond: null,
  tokensPerSecond: null,
  etaSeconds: null,
  message: null,
  error: null,
  errorCount: 0,
  stats: null,
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
  ...over
})

/** An in-memory core: answers jobs.list / jobs.cancel and pushes events on demand. */
function fakeCore(initial: JobDto[]) {
  const listeners = new Set<(event: EventEnvelope) => void>()
  const calls: string[] = []
  const transport: Transport = {
    async request(method, input) {
      calls.push(method)
      if (method === 'jobs.list') return { ok: true, result: initial }
      if (method === 'jobs.cancel') {
        const id = (input as { id: string }).id
        return { ok: true, result: job({ id, status: 'cancelled' }) }
      }
      return { ok: false, error: { code: 'NOT_FOUND', message: method } }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    mediaUrl: (ref) => `/media/${ref.sha256}`
  }
  setApiForTests(createClient(transport))
  return {
    calls,
    push: (topic: string, payload: unknown) => {
      for (const listener of listeners) listener({ topic, payload })
    }
  }
}

function renderIndicator() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <JobsIndicator />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
}

describe('JobsIndicator', () => {
  it('formats throughput and time left', () => {
    expect(formatDuration(42)).toBe('42s')
    expect(formatDuration(130)).toBe('2m 10s')
    expect(formatDuration(7260)).toBe('2h 1m')
    expect(
      formatThroughput(job({ itemsPerSecond: 2.345, tokensPerSecond: 310.4, etaSeconds: 65 }))
    ).toBe('2.3 samples/s · 310 tok/s · 1m 5s left')
  })

  it('follows job.progress live, ends with job.finished, and cancels', async () => {
    const core = fakeCore([])
    renderIndicator()
    const button = await screen.findByRole('button', { name: 'Jobs: 0 running, 0 queued' })

    act(() => core.push('job.progress', job({ done: 40, itemsPerSecond: 4, etaSeconds: 15 })))
    await screen.findByRole('button', { name: 'Jobs: 1 running, 0 queued' })
    fireEvent.click(button)
    expect(await screen.findByText('40 / 100 samples')).toBeTruthy()
    expect(screen.getByLabelText('Throughput').textContent).toBe('4.0 samples/s · 15s left')
    expect(screen.getByRole('progressbar', { name: 'generate progress' })).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Cancel generate job' }))
    await waitFor(() => expect(core.calls).toContain('jobs.cancel'))

    act(() => core.push('job.finished', job({ status: 'cancelled', done: 40 })))
    await screen.findByRole('button', { name: 'Jobs: 0 running, 0 queued' })
  })
})
