import { TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'

/** Full-text search over the question and both answers, applied as typing settles. */
export function SearchBox(
  props: Readonly<{ value: string | undefined; onChange(next: string | undefined): void }>
) {
  const [draft, setDraft] = useState(props.value ?? '')
  const [seen, setSeen] = useState(props.value ?? '')
  if (seen !== (props.value ?? '')) {
    setSeen(props.value ?? '')
    setDraft(props.value ?? '')
  }
  const commit = useDebouncedCallback((text: string) => props.onChange(text || undefined), 250)
  return (
    <TextInput
      size="xs"
      aria-label="Search text"
      placeholder="Search question and answers"
      leftSection={<IconSearch size={14} />}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value)
        commit(event.currentTarget.value)
      }}
    />
  )
}
