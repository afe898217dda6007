import { ActionIcon, Badge, Button, Code, Group, Progress, Stack, Table, Text } from '@mantine/core'
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react'
import { Fragment, useState } from 'react'

import type { JobDto } from '../../../../src-shared/contract/jobs'
import { api } from '../../../api/client'
import { formatDuration, formatThroughput } from '../useActiveJobs'
import { JobErrors } from './JobErrors'

const STATUS_COLORS: Record<JobDto['status'], string> = {
  queued: 'gray',
  running: 'indigo',
  completed: 'teal',
  failed: 'red',
  cancelled: 'orange',
  interrupted: 'yellow'
}

function elapsed(job: JobDto): string {
  if (!job.startedAt) return '—'
  const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.now()
  return formatDuration((end - Date.parse(job.startedAt)) / 1000)
}

/** All jobs with status, progress, throughput, duration; a row opens to its errors and results. */
export function JobsTable(props: Readonly<{ jobs: readonly JobDto[] }>) {
  const [open, setOpen] = useState<string | null>(null)
  return (
    <Table aria-label="Jobs" highlightOnHover verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={32} />
          <Table.Th>Kind</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th w="28%">Progress</Table.Th>
          <Table.Th>Throughput</Table.Th>
          <Table.Th>Errors</Table.Th>
          <Table.Th>Started</Table.Th>
          <Table.Th>Duration</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.jobs.map((job) => {
          const active = job.status === 'running' || job.status === 'queued'
          const expanded = open === job.id
          return (
            <Fragment key={job.id}>
              <Table.Tr aria-label={`${job.kind} job ${job.id}`}>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    size="sm"
                    aria-label={expanded ? 'Hide details' : 'Show details'}
                    aria-expanded={expanded}
                    onClick={() => setOpen(expanded ? null : job.id)}
                  >
                    {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                  </ActionIcon>
                </Table.Td>
                <Table.Td fw={600}>{job.kind}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLORS[job.status]}>
                    {job.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Progress
                      value={job.total > 0 ? (job.done / job.total) * 100 : 0}
                      color={STATUS_COLORS[job.status]}
                      animated={job.status === 'running'}
                      aria-label={`${job.kind} progress`}
                    />
                    <Text size="xs" c="dimmed" ff="monospace">
                      {job.done.toLocaleString()} / {job.total.toLocaleString()} {job.unit}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{formatThroughput(job) || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={job.errorCount ? 'red' : 'dimmed'}>
                    {job.errorCount}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {job.startedAt ? new Date(job.startedAt).toLocaleString() : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{elapsed(job)}</Text>
                </Table.Td>
                <Table.Td>
                  {active ? (
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      aria-label={`Cancel ${job.kind} job`}
                      onClick={() => void api().call('jobs.cancel', { id: job.id })}
                    >
                      Cancel
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
              {expanded ? (
                <Table.Tr>
                  <Table.Td colSpan={9}>
                    <JobDetails job={job} />
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Fragment>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}

function JobDetails(props: Readonly<{ job: JobDto }>) {
  const { job } = props
  return (
    <Stack gap="xs" p="xs">
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          Job
        </Text>
        <Code>{job.id}</Code>
      </Group>
      {job.message ? <Text size="sm">{job.message}</Text> : null}
      {job.error ? (
        <Text size="sm" c="red" role="alert">
          {job.error}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        Parameters
      </Text>
      <Code block>{JSON.stringify(job.params, null, 2)}</Code>
      {job.stats ? (
        <>
          <Text size="xs" c="dimmed">
            Results
          </Text>
          <Code block>{JSON.stringify(job.stats, null, 2)}</Code>
        </>
      ) : null}
      <JobErrors jobId={job.id} />
    </Stack>
  )
}
