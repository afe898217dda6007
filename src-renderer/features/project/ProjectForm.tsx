import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'

import { useRpcMutation } from '../../api/hooks'

/** Create a project in a new folder, or open an existing one, by path on the core's machine. */
export function ProjectForm() {
  const [mode, setMode] = useState<'open' | 'create'>('open')
  const [dir, setDir] = useState('')
  const open = useRpcMutation('project.open')
  const create = useRpcMutation('project.create')
  const active = mode === 'open' ? open : create
  const submit = (): void => {
    if (dir.trim()) active.mutate({ dir: dir.trim() })
  }
  return (
    <Stack gap="sm" maw={640}>
      <SegmentedControl
        aria-label="Open or create"
        value={mode}
        onChange={(value) => setMode(value as 'open' | 'create')}
        data={[
          { label: 'Open project', value: 'open' },
          { label: 'Create project', value: 'create' }
        ]}
      />
      <Group align="end">
        <TextInput
          flex={1}
          label="Project folder"
          placeholder="/path/to/project"
          value={dir}
          onChange={(event) => setDir(event.currentTarget.value)}
          onKeyDown={(event) => event.key === 'Enter' && submit()}
        />
        <Button onClick={submit} loading={active.isPending}>
          {mode === 'open' ? 'Open' : 'Create'}
        </Button>
      </Group>
      {active.error ? (
        <Text c="red" size="sm" role="alert">
          {active.error.message}
        </Text>
      ) : null}
    </Stack>
  )
}
