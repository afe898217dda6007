import { Badge } from '@mantine/core'

import { useConnectionState } from '../../api/hooks'

const LABELS = { open: 'Connected', connecting: 'Connecting…', closed: 'Disconnected' } as const
const COLORS = { open: 'teal', connecting: 'yellow', closed: 'red' } as const

/** Whether live events from the core are flowing; shown in the header. */
export function ConnectionStatus() {
  const state = useConnectionState()
  return (
    <Badge
      variant="dot"
      color={COLORS[state]}
      role="status"
      aria-label={`Connection: ${LABELS[state]}`}
    >
      {LABELS[state]}
    </Badge>
  )
}
