import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'

import type { JobDto } from '../../../src-shared/contract/jobs'
import { api } from '../../api/client'
import { useEvent, useRpcQuery } from '../../api/hooks'

const ACTIVE_INPUT = { status: ['queued', 'running'] as JobDto['status'][], limit: 50 }
const ACTIVE_KEY = ['jobs.list', ACTIVE_INPUT] as const

/**
 * Queued and running jobs, kept live by `job.progress` (patched into the cache, no refetch) and
 * `job.finished` (the job leaves the list and every job query refreshes).
 */
export function useActiveJobs() {
  const queryClient = useQueryClient()
  const query = useRpcQuery('jobs.list', ACTIVE_INPUT)

  const onProgress = useCallback(
    (job: JobDto) => {
      queryClient.setQueryData<JobDto[]>(ACTIVE_KEY, (jobs = []) => {
        const active = job.status === 'queued' || job.status === 'running'
        const rest = jobs.filter((j) => j.id !== job.id)
        if (!active) return rest
        const index = jobs.findIndex((j) => j.id === job.id)
        if (index === -1) return [job, ...rest]
        return jobs.map((j) => (j.id === job.id ? job : j))
      })
      queryClient.setQueryData(['jobs.get', { id: job.id }], job)
    },
    [queryClient]
  )
  const onFinished = useCallback(
    (job: JobDto) => {
      onProgress(job)
      void queryClient.invalidateQueries({ queryKey: ['jobs.list'] })
    },
    [onProgress, queryClient]
  )
  useEvent('job.progress', onProgress)
  useEvent('job.finished', onFinished)

  const cancel = useCallback((id: string) => api().call('jobs.cancel', { id }), [])
  return { jobs: query.data ?? [], cancel }
}

/** `12.5 samples/s · 340 tok/s · 2m 10s left` */
export function formatThroughput(job: JobDto): string {
  const parts: string[] = []
  if (job.itemsPerSecond !== null) parts.push(`${formatRate(job.itemsPerSecond)} ${job.unit}/s`)
  if (job.tokensPerSecond !== null) parts.push(`${Math.round(job.tokensPerSecond)} tok/s`)
  if (job.etaSeconds !== null) parts.push(`${formatDuration(job.etaSeconds)} left`)
  return parts.join(' · ')
}

function formatRate(rate: number): string {
  return rate >= 10 ? String(Math.round(rate)) : rate.toFixed(1)
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ${s % 60}s`
  return `${Math.floor(m / 60)}h ${m % 60}m`
}
