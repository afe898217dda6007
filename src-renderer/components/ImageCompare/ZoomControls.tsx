import { ActionIcon, Group, Text, Tooltip } from '@mantine/core'
import { IconArrowsMinimize, IconViewfinder, IconZoomIn, IconZoomOut } from '@tabler/icons-react'

import type { SyncedView } from './useSyncedView'

/** Zoom level and the zoom buttons of the synchronized viewer. */
export function ZoomControls(props: Readonly<{ synced: SyncedView }>) {
  const { synced } = props
  return (
    <Group gap={4}>
      <Text size="xs" c="dimmed" ff="monospace" aria-label="Zoom level" miw={48} ta="right">
        {Math.round(synced.view.scale * 100)}%
      </Text>
      <Tooltip label="Zoom out (−)">
        <ActionIcon variant="default" size="sm" aria-label="Zoom out" onClick={synced.zoomOut}>
          <IconZoomOut size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Zoom in (=)">
        <ActionIcon variant="default" size="sm" aria-label="Zoom in" onClick={synced.zoomIn}>
          <IconZoomIn size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Fit (0)">
        <ActionIcon variant="default" size="sm" aria-label="Fit to pane" onClick={synced.fit}>
          <IconArrowsMinimize size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="1:1 pixels (P)">
        <ActionIcon variant="default" size="sm" aria-label="1:1 pixels" onClick={synced.pixel}>
          <IconViewfinder size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  )
}
