import { Stack, Title } from '@mantine/core'

import { EmptyState } from '../components/EmptyState/EmptyState'

export function ModelsPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Models</Title>
      <EmptyState title="No models configured">
        A vision-language model (GGUF + mmproj) or an OpenAI-compatible endpoint is configured here.
      </EmptyState>
    </Stack>
  )
}
