import { Code, Stack, Table, Text } from '@mantine/core'

import { useRpcQuery } from '../../../api/hooks'

/** The per-item errors a job recorded: which item, and why it was refused. */
export function JobErrors(props: Readonly<{ jobId: string }>) {
  const errors = useRpcQuery('jobs.errors', { id: props.jobId, limit: 200 })
  if (!errors.data) return <Text size="sm">Loading errors…</Text>
  if (errors.data.total === 0)
    return (
      <Text size="sm" c="dimmed">
        No item errors.
      </Text>
    )
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {errors.data.total} item error{errors.data.total === 1 ? '' : 's'}
        {errors.data.total > errors.data.items.length ? ` (first ${errors.data.items.length})` : ''}
      </Text>
      <Table aria-label="Item errors" withTableBorder fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.data.items.map((error) => (
            <Table.Tr key={error.id}>
              <Table.Td>
                <Code>{error.item}</Code>
              </Table.Td>
              <Table.Td>{error.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
