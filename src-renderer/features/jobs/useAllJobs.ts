import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'

import type { JobDto } from '../../../src-shared/contract/jobs'
import { useEvent, useRpcQuery } from '../../api/hooks'

const ALL_INPUT = { limit: 200 }

/**
 * Every job of the project, newest first, kept live: progress events patch the row in place;
 * a job not in the list yet (just started elsewhere, e.g. from the CLI) triggers a refetch.
 */
export function useAllJobs() {
  const queryClient = useQueryClient()
  const query = useRpcQuery('jobs.list', ALL_INPUT)
  const key = ['jobs.list', ALL_INPUT]
  const onJob = useCallback(
    (job: JobDto) => {
      const jobs = queryClient.getQueryData<JobDto[]>(key)
      if (!jobs || !jobs.some((j) => j.id === job.id)) {
        void queryClient.invalidateQueries({ queryKey: key })
        return
      }
      queryClient.setQueryData<JobDto[]>(
        key,
        jobs.map((j) => (j.id === job.id ? job : j))
      )
    },
    // The key is a constant; listing it would resubscribe on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryClient]
  )
  useEvent('job.progress', onJob)
  useEvent('job.finished', onJob)
  return query
}
