import { Badge } from '@mantine/core'

import type { PairStatus } from '../../../src-shared/domain/pair-filter'

export const STATUS_COLORS: Record<PairStatus, string> = {
  pending: 'gray',
  accepted: 'teal',
  rejected: 'red'
}

export const STATUS_LABELS: Record<PairStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected'
}

/** Review status of a pair. */
export function StatusBadge(props: Readonly<{ status: PairStatus; size?: 'xs' | 'sm' | 'md' }>) {
  return (
    <Badge
      color={STATUS_COLORS[props.status]}
      variant={props.status === 'pending' ? 'outline' : 'filled'}
      size={props.size ?? 'sm'}
      aria-label={`Status: ${STATUS_LABELS[props.status]}`}
    >
      {STATUS_LABELS[props.status]}
    </Badge>
  )
}
