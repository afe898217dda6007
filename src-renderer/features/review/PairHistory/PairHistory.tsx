import { Badge, Table, Text } from '@mantine/core'

import type { PairEventDto } from '../../../../src-shared/contract/pairs'

const show = (value: unknown): string => {
  if (value === null || value === undefined) return '—'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/** `status: pending → accepted; tier: 1 → 2` */
export function describeChange(event: PairEventDto): string {
  const keys = new Set([...Object.keys(event.before ?? {}), ...Object.keys(event.after ?? {})])
  return [...keys]
    .map((key) => `${key}: ${show(event.before?.[key])} → ${show(event.after?.[key])}`)
    .join('; ')
}

/** The pair's audit trail, newest first. */
export function PairHistory(props: Readonly<{ events: readonly PairEventDto[] }>) {
  if (props.events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No changes yet.
      </Text>
    )
  }
  return (
    <Table verticalSpacing={4} aria-label="Pair history" fz="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={190}>When</Table.Th>
          <Table.Th w={110}>Action</Table.Th>
          <Table.Th>Change</Table.Th>
          <Table.Th w={90}>By</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...props.events].reverse().map((event) => (
          <Table.Tr key={event.id} style={{ opacity: event.undone ? 0.55 : 1 }}>
            <Table.Td>{new Date(event.at).toLocaleString()}</Table.Td>
            <Table.Td>
              {event.action}{' '}
              {event.undone ? (
                <Badge size="xs" variant="outline" color="gray">
                  undone
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td ff="monospace">{describeChange(event)}</Table.Td>
            <Table.Td>{event.actor}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
