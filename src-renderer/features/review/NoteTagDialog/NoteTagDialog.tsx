import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core'
import { getHotkeyHandler } from '@mantine/hooks'
import { useState } from 'react'

export type DialogKind = 'note' | 'tag'

/** Note (free text, empty clears it) or tag (one word) for the current pair. */
export function NoteTagDialog(
  props: Readonly<{
    kind: DialogKind | null
    note: string | null
    onClose(): void
    onSaveNote(note: string | null): void
    onAddTag(tag: string): void
  }>
) {
  return (
    <Modal
      opened={props.kind !== null}
      onClose={props.onClose}
      title={props.kind === 'note' ? 'Note' : 'Add tag'}
      centered
    >
      {props.kind === 'note' ? (
        <NoteForm note={props.note} onSave={props.onSaveNote} onCancel={props.onClose} />
      ) : props.kind === 'tag' ? (
        <TagForm onSave={props.onAddTag} onCancel={props.onClose} />
      ) : null}
    </Modal>
  )
}

function NoteForm(
  props: Readonly<{ note: string | null; onSave(n: string | null): void; onCancel(): void }>
) {
  const [draft, setDraft] = useState(props.note ?? '')
  const save = () => props.onSave(draft.trim() === '' ? null : draft)
  return (
    <Stack>
      <Textarea
        aria-label="Note text"
        autosize
        minRows={3}
        data-autofocus
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={getHotkeyHandler([['mod+Enter', save]])}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button onClick={save}>Save note</Button>
      </Group>
    </Stack>
  )
}

function TagForm(props: Readonly<{ onSave(tag: string): void; onCancel(): void }>) {
  const [tag, setTag] = useState('')
  const valid = tag.trim().length > 0 && tag.trim().length <= 64
  return (
    <Stack>
      <TextInput
        aria-label="Tag"
        data-autofocus
        value={tag}
        onChange={(e) => setTag(e.currentTarget.value)}
        onKeyDown={getHotkeyHandler([['Enter', () => valid && props.onSave(tag.trim())]])}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button disabled={!valid} onClick={() => props.onSave(tag.trim())}>
          Add tag
        </Button>
      </Group>
    </Stack>
  )
}
