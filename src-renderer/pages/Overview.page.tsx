import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { Link } from 'react-router-dom'

import { useEvent, useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { OverviewCharts } from '../features/overview/OverviewCharts'
import { StatCards } from '../features/overview/StatCards'

/** The landing page: what the project holds, and charts that open the pairs behind each bar. */
export function OverviewPage() {
  const project = useRpcQuery('project.current', {})
  const stats = useRpcQuery('stats.get', {}, { enabled: Boolean(project.data) })
  const queryClient = useQueryClient()
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ['stats.get'] }),
    [queryClient]
  )
  useEvent('job.finished', refresh)
  useEvent('pairs.changed', refresh)

  if (project.isSuccess && !project.data) {
    return (
      <Stack gap="lg">
        <Title order={2}>Overview</Title>
        <EmptyState title="No project open">
          Open or create a project from the project menu at the top.
        </EmptyState>
      </Stack>
    )
  }
  const s = stats.data
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>Overview</Title>
        {project.data ? (
          <Text size="sm" c="dimmed" ff="monospace">
            {project.data.dir}
          </Text>
        ) : null}
      </Group>
      {stats.error ? (
        <Text c="red" role="alert">
          {stats.error.message}
        </Text>
      ) : null}
      {s ? (
        <>
          <StatCards stats={s} />
          {s.samples === 0 ? (
            <EmptyState title="This project is empty">
              Bring in images and questions first.{' '}
              <Button component={Link} to="/import" variant="light" size="xs">
                Import data
              </Button>
            </EmptyState>
          ) : (
            <OverviewCharts stats={s} />
          )}
        </>
      ) : null}
    </Stack>
  )
}
