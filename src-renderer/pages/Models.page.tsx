import { Stack, Title } from '@mantine/core'

import { JudgePromptsPanel } from '../features/judge/JudgePromptsPanel'
import { ModelSettingsPanel } from '../features/models/ModelSettingsPanel/ModelSettingsPanel'
import { EndpointsPanel } from '../features/models/EndpointsPanel/EndpointsPanel'
import { SidecarPanel } from '../features/models/SidecarPanel/SidecarPanel'

export function ModelsPage() {
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={2}>Models</Title>
      <ModelSettingsPanel />
      <SidecarPanel />
      <EndpointsPanel />
      <JudgePromptsPanel />
    </Stack>
  )
}
