import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { ComposeParamsInput } from '../../../src-shared/contract/compose'
import type { JobDto, JobErrorDto } from '../../../src-shared/contract/jobs'
import { api } from '../../api/client'
import { useEvent } from '../../api/hooks'

const finished = (job: JobDto | null) =>
  job !== null && job.status !== 'queued' && job.status !== 'running'

/**
 * Starts a `compose` job through the typed `jobs.start` and follows it: progress from
 * `job.progress` and `job.finished`; once it has finished (however that was learned, since a
 * small job can finish before `jobs.start` answers), its skipped items and a refreshed preview.
 */
export function useComposeJob() {
  const queryClient = useQueryClient()
  const [job, setJob] = useState<JobDto | null>(null)
  const [errors, setErrors] = useState<JobErrorDto[]>([])
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const started = useRef<string | null>(null)

  const start = useCallback(async (params: ComposeParamsInput) => {
    setStarting(true)
    setError(null)
    setErrors([])
    try {
      const { jobId } = await api().call('jobs.start', { kind: 'compose', params })
      started.current = jobId
      const current = await api().call('jobs.get', { id: jobId })
      setJob((shown) => (shown?.id === jobId && finished(shown) ? shown : current))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setStarting(false)
    }
  }, [])

  const onEvent = useCallback((next: JobDto) => {
    if (next.id === started.current) setJob(next)
  }, [])
  useEvent('job.progress', onEvent)
  useEvent('job.finished', onEvent)

  const done = finished(job)
  const id = job?.id
  useEffect(() => {
    if (!done || !id) return
    void api()
      .call('jobs.errors', { id, offset: 0, limit: 50 })
      .then((page) => setErrors(page.items))
    void queryClient.invalidateQueries({ queryKey: ['compose.list'] })
  }, [done, id, queryClient])
  return { job, errors, start, starting, error }
}
