import { Button, Group, Modal, NavLink, ScrollArea, Stack, Text } from '@mantine/core'
import { IconFile, IconFolder, IconArrowUp } from '@tabler/icons-react'
import { useState } from 'react'

import { useRpcQuery } from '../../api/hooks'

export type PickKind = 'file' | 'folder' | 'any'

/**
 * Browser mode's file picker: folders of the core's machine through `files.list`, which only
 * lists inside the user's home and the open project.
 */
export function FileBrowserModal(
  props: Readonly<{
    opened: boolean
    kind: PickKind
    start?: string
    onClose: () => void
    onPick: (path: string) => void
  }>
) {
  const [dir, setDir] = useState<string | undefined>(props.start || undefined)
  const listing = useRpcQuery('files.list', dir ? { dir } : {}, {
    enabled: props.opened,
    retry: false
  })
  // The roots come on their own, so a folder that cannot be listed still leaves a way out.
  const roots = useRpcQuery('files.list', {}, { enabled: props.opened })
  const data = listing.data
  const pick = (path: string) => {
    props.onPick(path)
    props.onClose()
  }
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Choose a path" size="lg">
      <Stack gap="xs">
        <Group gap="xs">
          {(roots.data?.roots ?? []).map((root) => (
            <Button key={root.path} size="xs" variant="light" onClick={() => setDir(root.path)}>
              {root.label}
            </Button>
          ))}
        </Group>
        {listing.error ? (
          <Text c="red" size="sm" role="alert">
            {listing.error.message}
          </Text>
        ) : null}
        {data?.dir ? (
          <Text size="sm" ff="monospace" aria-label="Current folder">
            {data.dir}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Pick a starting place.
          </Text>
        )}
        <ScrollArea h={320} type="auto">
          {data?.parent ? (
            <NavLink
              label=".."
              leftSection={<IconArrowUp size={16} />}
              onClick={() => setDir(data.parent ?? undefined)}
            />
          ) : null}
          {(data?.entries ?? []).map((entry) => (
            <NavLink
              key={entry.path}
              label={entry.name}
              description={
                entry.bytes !== null ? `${(entry.bytes / 1024).toFixed(1)} KiB` : undefined
              }
              leftSection={entry.kind === 'dir' ? <IconFolder size={16} /> : <IconFile size={16} />}
              disabled={entry.kind === 'file' && props.kind === 'folder'}
              onClick={() => (entry.kind === 'dir' ? setDir(entry.path) : pick(entry.path))}
            />
          ))}
        </ScrollArea>
        {props.kind !== 'file' && data?.dir ? (
          <Group justify="flex-end">
            <Button onClick={() => pick(data.dir!)}>Choose this folder</Button>
          </Group>
        ) : null}
      </Stack>
    </Modal>
  )
}
