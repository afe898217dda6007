import { Stack, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'

import type { JobDto } from '../../src-shared/contract/jobs'
import { useEvent, useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { ExportForm } from '../features/export/ExportForm/ExportForm'
import { ExportList } from '../features/export/ExportList/ExportList'

export function ExportPage() {
  const project = useRpcQuery('project.current', {})
  const queryClient = useQueryClient()
  const onFinished = useCallback(
    (job: JobDto) => {
      if (job.kind === 'export') void queryClient.invalidateQueries({ queryKey: ['exports.list'] })
    },
    [queryClient]
  )
  useEvent('job.finished', onFinished)
  return (
    <Stack gap="lg">
      <Title order={2}>Export</Title>
      {project.data ? (
        <>
          <ExportForm projectDir={project.data.dir} />
          <Title order={4}>Completed exports</Title>
          <ExportList />
        </>
      ) : (
        <EmptyState title="No project open">Open a project to export its curated pairs.</EmptyState>
      )}
    </Stack>
  )
}
