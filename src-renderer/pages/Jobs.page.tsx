import { Stack, Text, Title } from '@mantine/core'

import { EmptyState } from '../components/EmptyState/EmptyState'
import { JobsTable } from '../features/jobs/JobsTable/JobsTable'
import { useAllJobs } from '../features/jobs/useAllJobs'

export function JobsPage() {
  const jobs = useAllJobs()
  return (
    <Stack gap="lg">
      <Title order={2}>Jobs</Title>
      {jobs.error ? (
        <Text c="red" role="alert">
          {jobs.error.message}
        </Text>
      ) : null}
      {jobs.data && jobs.data.length === 0 ? (
        <EmptyState title="No jobs">
          Perturbation, generation, export and import jobs of this project appear here with their
          progress, throughput and per-item errors. Start one from the CLI (for example
          `delta-studio generate`) or from the Export page.
        </EmptyState>
      ) : null}
      {jobs.data && jobs.data.length > 0 ? <JobsTable jobs={jobs.data} /> : null}
    </Stack>
  )
}
