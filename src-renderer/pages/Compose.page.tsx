import { Stack, Text, Title } from '@mantine/core'

import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { ComposeForm } from '../features/compose/ComposeForm'
import { ComposePreview } from '../features/compose/ComposePreview'

/** Simple-to-hard composition (S2H): multi-image samples in three tiers and MIA-DPO's layouts. */
export function ComposePage() {
  const project = useRpcQuery('project.current', {})
  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={2}>Compose</Title>
        <Text size="sm" c="dimmed">
          Builds multi-image samples from single-image ones: the generate job then asks each in its
          guided form (the target alone) and its hard form, and pairs the answers.
        </Text>
      </Stack>
      {project.data ? (
        <>
          <ComposeForm />
          <Title order={4}>Preview</Title>
          <ComposePreview />
        </>
      ) : (
        <EmptyState title="No project open">Open a project to compose samples.</EmptyState>
      )}
    </Stack>
  )
}
