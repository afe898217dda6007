import { Button, Menu, Text } from '@mantine/core'
import { IconChevronDown, IconFolder } from '@tabler/icons-react'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'

import { useRpcMutation, useRpcQuery } from '../../api/hooks'

/** The header's project menu: the open project, recent ones to switch to, open or create. */
export function ProjectSwitcher() {
  const project = useRpcQuery('project.current', {})
  const settings = useRpcQuery('settings.get', {})
  const open = useRpcMutation('project.open')
  const navigate = useNavigate()
  const [error, setError] = useState<string | null>(null)
  const recent = (settings.data?.settings.recentProjects ?? []).filter(
    (dir) => dir !== project.data?.dir
  )
  const switchTo = (dir: string) => {
    setError(null)
    open.mutate(
      { dir },
      {
        onSuccess: () => void navigate('/'),
        onError: (e) => setError(e.message)
      }
    )
  }
  return (
    <Menu position="bottom-start" width={360}>
      <Menu.Target>
        <Button
          variant="subtle"
          size="compact-sm"
          color="gray"
          leftSection={<IconFolder size={16} />}
          rightSection={<IconChevronDown size={14} />}
          aria-label="Current project"
        >
          {project.data ? project.data.name : 'No project open'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {project.data ? (
          <Menu.Label>
            <Text size="xs" ff="monospace" truncate>
              {project.data.dir}
            </Text>
          </Menu.Label>
        ) : null}
        {recent.length ? <Menu.Label>Recent projects</Menu.Label> : null}
        {recent.map((dir) => (
          <Menu.Item key={dir} onClick={() => switchTo(dir)}>
            <Text size="sm" ff="monospace" truncate>
              {dir}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => void navigate('/project')}>Open or create a project…</Menu.Item>
        {error ? (
          <Menu.Label>
            <Text size="xs" c="red" role="alert">
              {error}
            </Text>
          </Menu.Label>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  )
}
