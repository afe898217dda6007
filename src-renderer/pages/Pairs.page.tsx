import { Stack, Title } from '@mantine/core'

import { EmptyState } from '../components/EmptyState/EmptyState'

export function PairsPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Pairs</Title>
      <EmptyState title="No pairs yet">
        Pairs appear here once a generation job has run on this project's samples.
      </EmptyState>
    </Stack>
  )
}
