import { AppShell, Group, NavLink, Title } from '@mantine/core'
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router-dom'

import { routes } from '../../routes'
import { ConnectionStatus } from '../ConnectionStatus/ConnectionStatus'
import { ThemeToggle } from '../ThemeToggle/ThemeToggle'
import { JobsIndicator } from '../../features/jobs/JobsIndicator/JobsIndicator'
import { usePairsLiveUpdates } from '../../features/live/usePairsLiveUpdates'
import { ProjectSwitcher } from '../../features/project/ProjectSwitcher'

/** Header (title, project switcher, connection, theme), navigation, and the routed page. */
export function AppFrame() {
  const location = useLocation()
  usePairsLiveUpdates()
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={4}>Delta Studio</Title>
            <ProjectSwitcher />
          </Group>
          <Group gap="sm">
            <JobsIndicator />
            <ConnectionStatus />
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {routes.map((route) => (
          <NavLink
            key={route.path}
            component={RouterLink}
            to={route.path}
            label={route.label}
            leftSection={<route.icon size={18} />}
            active={location.pathname === route.path}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  )
}
