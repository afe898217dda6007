import { Stack, Title } from '@mantine/core'

import { EmptyState } from '../components/EmptyState/EmptyState'

export function JobsPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Jobs</Title>
      <EmptyState title="No jobs">
        Perturbation, generation, judging and export jobs are listed here with their progress.
      </EmptyState>
    </Stack>
  )
}
