import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Popover,
  Progress,
  Stack,
  Text,
  Tooltip
} from '@mantine/core'
import { IconPlayerPlay, IconX } from '@tabler/icons-react'
import { Link } from 'react-router-dom'

import { formatThroughput, useActiveJobs } from '../useActiveJobs'

/** Header indicator of queued and running jobs: progress, throughput, cancel. */
export function JobsIndicator() {
  const { jobs, cancel } = useActiveJobs()
  const running = jobs.filter((j) => j.status === 'running').length
  return (
    <Popover width={380} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Button
          variant={jobs.length ? 'light' : 'default'}
          size="xs"
          aria-label={`Jobs: ${running} running, ${jobs.length - running} queued`}
          leftSection={running ? <Loader size={12} /> : <IconPlayerPlay size={14} />}
        >
          {jobs.length ? `${running} running` : 'No jobs'}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" role="list" aria-label="Active jobs">
          {jobs.length === 0 ? (
            <Text size="sm" c="dimmed">
              No job is running.
            </Text>
          ) : null}
          {jobs.map((job) => {
            const percent = job.total > 0 ? (job.done / job.total) * 100 : 0
            return (
              <Stack key={job.id} gap={4} role="listitem" aria-label={`${job.kind} job`}>
                <Group justify="space-between" wrap="nowrap">
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {job.kind}
                    </Text>
                    <Badge
                      size="xs"
                      variant="light"
                      color={job.status === 'running' ? 'indigo' : 'gray'}
                    >
                      {job.status}
                    </Badge>
                  </Group>
                  <Tooltip label="Cancel job">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="sm"
                      aria-label={`Cancel ${job.kind} job`}
                      onClick={() => void cancel(job.id)}
                    >
                      <IconX size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
                <Progress
                  value={percent}
                  size="sm"
                  animated={job.status === 'running'}
                  aria-label={`${job.kind} progress`}
                />
                <Group justify="space-between" wrap="nowrap">
                  <Text size="xs" c="dimmed" ff="monospace">
                    {job.done.toLocaleString()} / {job.total.toLocaleString()} {job.unit}
                  </Text>
                  <Text size="xs" c="dimmed" aria-label="Throughput">
                    {formatThroughput(job)}
                  </Text>
                </Group>
                {job.message ? (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {job.message}
                  </Text>
                ) : null}
              </Stack>
            )
          })}
          <Button component={Link} to="/jobs" variant="subtle" size="xs">
            All jobs
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
