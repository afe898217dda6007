import { Stack, Title } from '@mantine/core'

import { EmptyState } from '../components/EmptyState/EmptyState'

export function ReviewPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Review</Title>
      <EmptyState title="Nothing to review">
        Review shows one pair at a time, HQ and LQ images side by side, once the project has pairs.
      </EmptyState>
    </Stack>
  )
}
