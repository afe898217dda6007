import { Badge, Button, Card, Group, Progress, Stack, Text } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef } from 'react'

import type { JobDto } from '../../../../src-shared/contract/jobs'
import { api } from '../../../api/client'
import { useEvent, useRpcQuery } from '../../../api/hooks'
import { JobErrors } from '../JobsTable/JobErrors'
import { formatThroughput } from '../useActiveJobs'

const STATUS_COLORS: Record<JobDto['status'], string> = {
  queued: 'gray',
  running: 'indigo',
  completed: 'teal',
  failed: 'red',
  cancelled: 'orange',
  interrupted: 'yellow'
}

/**
 * One job started from a page, kept live by its events: progress with items/s, tokens/s and ETA,
 * a cancel button while it runs, a resume button once cancelled or failed (when the page gives
 * one), the failure reason, and the per-item errors it recorded.
 */
export function JobProgressCard(
  props: Readonly<{
    jobId: string
    label: string
    onResume?: (job: JobDto) => void
    /** Called once the job has ended (completed, failed, cancelled), e.g. to refresh a list. */
    onFinished?: (job: JobDto) => void
  }>
) {
  const queryClient = useQueryClient()
  const job = useRpcQuery('jobs.get', { id: props.jobId })
  const onEvent = useCallback(
    (next: JobDto) => {
      if (next.id !== props.jobId) return
      queryClient.setQueryData(['jobs.get', { id: props.jobId }], next)
      if (next.status !== 'running' && next.status !== 'queued')
        void queryClient.invalidateQueries({ queryKey: ['jobs.errors', { id: props.jobId }] })
    },
    [props.jobId, queryClient]
  )
  useEvent('job.progress', onEvent)
  useEvent('job.finished', onEvent)
  const data = job.data
  // Keyed on the status, not the event: a short job can end before `jobs.get` first answers,
  // and then no `job.finished` reaches this card.
  const onFinished = useRef(props.onFinished)
  onFinished.current = props.onFinished
  const ended = data && data.status !== 'running' && data.status !== 'queued' ? data : null
  useEffect(() => {
    if (ended) onFinished.current?.(ended)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per status change of this job
  }, [ended?.id, ended?.status])
  if (!data) return <Text size="sm">Loading job…</Text>
  const active = data.status === 'running' || data.status === 'queued'
  const share = data.total > 0 ? (data.done / data.total) * 100 : active ? 0 : 100
  return (
    <Card withBorder aria-label={`${props.label} job`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{props.label}</Text>
            <Badge color={STATUS_COLORS[data.status]} variant="light" aria-label="Job status">
              {data.status}
            </Badge>
          </Group>
          <Group gap="xs">
            {active ? (
              <Button
                size="xs"
                variant="default"
                onClick={() => void api().call('jobs.cancel', { id: data.id })}
              >
                Cancel
              </Button>
            ) : null}
            {props.onResume && (data.status === 'cancelled' || data.status === 'failed') ? (
              <Button size="xs" onClick={() => props.onResume?.(data)}>
                Resume
              </Button>
            ) : null}
          </Group>
        </Group>
        <Progress value={share} animated={data.status === 'running'} aria-label="Job progress" />
        <Group justify="space-between">
          <Text size="sm" aria-label="Job counts">
            {/* A job whose total is not known yet (0) counts what it has done so far. */}
            {data.total > 0 ? `${data.done} / ${data.total}` : data.done} {data.unit}
          </Text>
          <Text size="sm" c="dimmed" aria-label="Job throughput">
            {formatThroughput(data)}
          </Text>
        </Group>
        {data.message ? (
          <Text size="sm" c="dimmed">
            {data.message}
          </Text>
        ) : null}
        {data.error ? (
          <Text size="sm" c="red" role="alert">
            {data.error}
          </Text>
        ) : null}
        {!active ? <JobErrors jobId={data.id} /> : null}
      </Stack>
    </Card>
  )
}
