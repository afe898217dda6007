import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'

import type { ComposeParamsInput } from '../../../src-shared/contract/compose'
import type { JobDto, JobErrorDto } from '../../../src-shared/contract/jobs'
import { api } from '../../api/client'
import { useEvent } from '../../api/hooks'

/**
 * Starts a `compose` job through the typed `jobs.start` and follows it: progress from
 * `job.progress`, and on `job.finished` its skipped items and a refreshed preview.
 */
export function useComposeJob() {
  const queryClient = useQueryClient()
  const [job, setJob] = useState<JobDto | null>(null)
  const [errors, setErrors] = useState<JobErrorDto[]>([])
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const start = useCallback(async (params: ComposeParamsInput) => {
    setStarting(true)
    setError(null)
    setErrors([])
    try {
      const { jobId } = await api().call('jobs.start', { kind: 'compose', params })
      setJob(await api().call('jobs.get', { id: jobId }))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setStarting(false)
    }
  }, [])

  const onProgress = useCallback(
    (next: JobDto) => setJob((current) => (current?.id === next.id ? next : current)),
    []
  )
  const onFinished = useCallback(
    (next: JobDto) => {
      setJob((current) => {
        if (current?.id !== next.id) return current
        void api()
          .call('jobs.errors', { id: next.id, offset: 0, limit: 50 })
          .then((page) => setErrors(page.items))
        void queryClient.invalidateQueries({ queryKey: ['compose.list'] })
        return next
      })
    },
    [queryClient]
  )
  useEvent('job.progress', onProgress)
  useEvent('job.finished', onFinished)
  return { job, errors, start, starting, error }
}
