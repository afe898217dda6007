import { Stack, Text, Title } from '@mantine/core'

import { useRpcQuery } from '../../api/hooks'
import { TemplateEditor } from './TemplateEditor'

/**
 * The judge prompts of the open project: each template in force, editable. A project keeps its
 * own version beside the shipped file in `resources/prompts/`; the next judge job reads it.
 */
export function JudgePromptsPanel() {
  const project = useRpcQuery('project.current', {})
  const templates = useRpcQuery('judge.templates', {}, { enabled: !!project.data })
  return (
    <Stack gap="sm" component="section" aria-label="Judge prompts">
      <Stack gap={2}>
        <Title order={3}>Judge prompts</Title>
        <Text size="sm" c="dimmed">
          Prompts the judge asks with, for the open project. The next judge, rank or evaluation job
          uses what is saved here.
        </Text>
      </Stack>
      {project.isSuccess && !project.data ? (
        <Text size="sm">Open a project to edit its judge prompts.</Text>
      ) : null}
      {templates.error ? (
        <Text c="red" size="sm" role="alert">
          {templates.error.message}
        </Text>
      ) : null}
      {templates.data?.map((t) => (
        <TemplateEditor key={t.name} template={t} />
      ))}
    </Stack>
  )
}
