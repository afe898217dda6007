import { Alert, Badge, Button, Card, Code, Group, Stack, Text, Textarea } from '@mantine/core'
import { useEffect, useState } from 'react'

import type { JudgeTemplateDto } from '../../../src-shared/contract/judge'
import { missingMarkers, requiredMarkers } from '../../../src-shared/domain/judge-template'
import { useRpcMutation } from '../../api/hooks'

const USES: Record<JudgeTemplateDto['name'], string> = {
  'judge-answers': 'Judge on the Pairs page: which answer is better, with the question and images',
  'judge-images': 'Rankings and Evaluations: which image matches the text prompt better'
}

/**
 * One judge prompt in force: where it comes from, the markers it must keep (shown live, as the
 * core checks them), save as the project's version, or reset to the shipped one.
 */
export function TemplateEditor(props: Readonly<{ template: JudgeTemplateDto }>) {
  const { template } = props
  const [draft, setDraft] = useState(template.body)
  // A saved or reset template comes back from the core: show what is now in force.
  useEffect(() => setDraft(template.body), [template.body])
  const save = useRpcMutation('judge.setTemplate', ['judge.templates'])
  const missing = missingMarkers(template.name, draft)
  const changed = draft !== template.body

  return (
    <Card withBorder aria-label={`Template ${template.name}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{template.name}</Text>
            <Badge
              variant="light"
              color={template.source === 'project' ? 'indigo' : 'gray'}
              aria-label="Template source"
            >
              {template.source === 'project' ? 'project version' : 'shipped'}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {USES[template.name]}
          </Text>
        </Group>
        <Group gap={6} aria-label="Required markers">
          <Text size="sm">Required markers:</Text>
          {requiredMarkers(template.name).map((m) => (
            <Badge
              key={m}
              variant="outline"
              color={missing.includes(m) ? 'red' : 'teal'}
              tt="none"
              title={missing.includes(m) ? 'missing (outside comments)' : 'present'}
            >
              {`{{${m}}}`}
            </Badge>
          ))}
        </Group>
        <Textarea
          aria-label={`Body of ${template.name}`}
          autosize
          minRows={6}
          maxRows={20}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          spellCheck={false}
        />
        <Text size="xs" c="dimmed">
          Text inside <Code>{'<!-- -->'}</Code> is a note and is never sent. The model must answer
          with one letter, A or B.
        </Text>
        {save.error ? (
          <Alert color="red" variant="light" role="alert" title="Not saved">
            {save.error.message}
          </Alert>
        ) : null}
        <Group>
          <Button
            size="xs"
            disabled={!changed}
            loading={save.isPending}
            onClick={() => save.mutate({ name: template.name, body: draft })}
          >
            Save for this project
          </Button>
          <Button
            size="xs"
            variant="default"
            disabled={!changed}
            onClick={() => setDraft(template.body)}
          >
            Discard changes
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            disabled={template.source !== 'project'}
            loading={save.isPending}
            onClick={() => save.mutate({ name: template.name, body: null })}
          >
            Reset to shipped
          </Button>
          {missing.length > 0 ? (
            <Text size="sm" c="red">
              Missing: {missing.map((m) => `{{${m}}}`).join(', ')}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Card>
  )
}
