import { Code, Table, Text } from '@mantine/core'

import { useRpcQuery } from '../../../api/hooks'

/** Completed exports of the project: where they are and how many records they hold. */
export function ExportList() {
  const exports = useRpcQuery('exports.list', { limit: 50 })
  if (!exports.data) return null
  if (exports.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No export has completed in this project yet.
      </Text>
    )
  }
  return (
    <Table aria-label="Completed exports" withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Format</Table.Th>
          <Table.Th>Records</Table.Th>
          <Table.Th>Folder</Table.Th>
          <Table.Th>When</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {exports.data.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>{item.format}</Table.Td>
            <Table.Td>{item.records.toLocaleString()}</Table.Td>
            <Table.Td>
              <Code>{item.path}</Code>
            </Table.Td>
            <Table.Td>{new Date(item.createdAt).toLocaleString()}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
