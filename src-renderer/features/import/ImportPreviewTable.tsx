import { Alert, Badge, Code, Group, Stack, Table, Text } from '@mantine/core'

import type { ImportPreviewDto } from '../../../src-shared/contract/ingest'

const FORMAT_LABELS: Record<ImportPreviewDto['format'], string> = {
  folder: 'Folder of images',
  'vqa-jsonl': 'VQA JSONL',
  csv: 'CSV'
}

/** What the import will read: detected format, counts, the first rows checked, parse errors. */
export function ImportPreviewTable(props: Readonly<{ preview: ImportPreviewDto }>) {
  const p = props.preview
  return (
    <Stack gap="sm" aria-label="Import preview">
      <Group gap="xs">
        <Text size="sm">Detected format:</Text>
        <Badge variant="light" aria-label="Detected format">
          {FORMAT_LABELS[p.format]}
        </Badge>
        {p.questionsFile ? <Code>{p.questionsFile}</Code> : null}
        <Text size="sm" c="dimmed">
          {p.rows} question row{p.rows === 1 ? '' : 's'}
          {p.format === 'folder' ? ` · ${p.looseImages} image(s) without a question` : ''}
        </Text>
      </Group>
      {p.hint ? (
        <Alert color="yellow" title="Preference data?">
          {p.hint}
        </Alert>
      ) : null}
      {p.preview.length > 0 ? (
        <Table aria-label="First rows" withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Images</Table.Th>
              <Table.Th>Question</Table.Th>
              <Table.Th>Answer</Table.Th>
              <Table.Th>Check</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.preview.map((row) => (
              <Table.Tr key={row.where}>
                <Table.Td>{row.where}</Table.Td>
                <Table.Td>
                  <Code>{row.images.join(', ') || '—'}</Code>
                </Table.Td>
                <Table.Td>{row.question ?? '—'}</Table.Td>
                <Table.Td>{row.answer ?? '—'}</Table.Td>
                <Table.Td>
                  {row.error ? (
                    <Text size="sm" c="red">
                      {row.error}
                    </Text>
                  ) : (
                    <Text size="sm" c="teal">
                      ok
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {p.parseErrorCount > 0 ? (
        <Alert color="red" title={`${p.parseErrorCount} line(s) do not parse`}>
          <Stack gap={2}>
            {p.parseErrors.map((e) => (
              <Text size="sm" key={e.where}>
                {e.where}: {e.reason}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  )
}
