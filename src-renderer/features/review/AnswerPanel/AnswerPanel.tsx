import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { getHotkeyHandler } from '@mantine/hooks'
import { IconPencil } from '@tabler/icons-react'
import { useState } from 'react'

import type { DiffSegment } from '../../../../src-shared/domain/word-diff'
import { AnswerDiff } from '../../../components/AnswerDiff/AnswerDiff'

type Props = Readonly<{
  slot: 'chosen' | 'rejected'
  text: string
  original: string
  edited: boolean
  tokens: number | null
  correct: boolean | null
  segments: readonly DiffSegment[]
  highlight: boolean
  editing: boolean
  onEdit(): void
  onCancel(): void
  onSave(text: string | null): void
}>

const TITLES = { chosen: 'Chosen answer', rejected: 'Rejected answer' } as const

/** One answer as a named region: the diff-marked text, or an inline editor. */
export function AnswerPanel(props: Props) {
  const title = TITLES[props.slot]
  const editLabel = props.slot === 'chosen' ? 'Edit chosen' : 'Edit rejected'
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-label={title}
      style={{
        borderTop: `3px solid var(--mantine-color-${props.slot === 'chosen' ? 'teal' : 'red'}-6)`
      }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6}>
            <Title order={4} size="h5">
              {title}
            </Title>
            {props.tokens !== null ? (
              <Text size="xs" c="dimmed" ff="monospace">
                {props.tokens} tok · {props.text.length} ch
              </Text>
            ) : null}
            {props.edited ? (
              <Badge size="xs" variant="outline" color="yellow">
                Edited
              </Badge>
            ) : null}
            {props.correct !== null ? (
              <Badge size="xs" variant="light" color={props.correct ? 'teal' : 'red'}>
                {props.correct ? 'Correct' : 'Wrong'}
              </Badge>
            ) : null}
          </Group>
          {props.editing ? null : (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPencil size={12} />}
              aria-label={editLabel}
              onClick={props.onEdit}
            >
              Edit
            </Button>
          )}
        </Group>
        {props.editing ? (
          <AnswerEditor
            key={props.text}
            label={`${title} text`}
            text={props.text}
            edited={props.edited}
            onCancel={props.onCancel}
            onSave={props.onSave}
          />
        ) : (
          <AnswerDiff
            segments={props.segments}
            side={props.slot === 'chosen' ? 'a' : 'b'}
            highlight={props.highlight}
          />
        )}
        {props.edited && !props.editing ? (
          <Text size="xs" c="dimmed" lineClamp={2} title={props.original}>
            Generated: {props.original}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  )
}

function AnswerEditor(
  props: Readonly<{
    label: string
    text: string
    edited: boolean
    onCancel(): void
    onSave(text: string | null): void
  }>
) {
  const [draft, setDraft] = useState(props.text)
  const save = () => props.onSave(draft)
  return (
    <Stack gap="xs">
      <Textarea
        aria-label={props.label}
        autosize
        minRows={3}
        maxRows={12}
        data-autofocus
        autoFocus
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={getHotkeyHandler([
          ['mod+Enter', save],
          ['Escape', props.onCancel]
        ])}
      />
      <Group gap="xs" justify="flex-end">
        {props.edited ? (
          <Button size="xs" variant="subtle" color="gray" onClick={() => props.onSave(null)}>
            Revert to generated
          </Button>
        ) : null}
        <Button size="xs" variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button size="xs" onClick={save} disabled={draft === props.text}>
          Save
        </Button>
      </Group>
    </Stack>
  )
}
