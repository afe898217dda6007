import { Stack, Title } from '@mantine/core'

import { EmptyState } from '../components/EmptyState/EmptyState'

export function ExportPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>Export</Title>
      <EmptyState title="Nothing to export">
        Curated pairs are exported to TRL, LLaMA-Factory, RLAIF-V or Parquet from here.
      </EmptyState>
    </Stack>
  )
}
