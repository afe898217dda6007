import { Badge, Code, Group, Stack, Table, Text } from '@mantine/core'

import type { DatasetPreviewDto, ExportFormat } from '../../../src-shared/contract/exports'

export const DATASET_FORMAT_LABELS: Record<ExportFormat, string> = {
  trl: 'TRL DPO (JSONL)',
  'trl-parquet': 'TRL DPO (Parquet)',
  llamafactory: 'LLaMA-Factory (sharegpt ranking)',
  'rlaif-v': 'RLAIF-V'
}

/** A text cell that keeps long answers to a few lines; the full text is in its tooltip. */
function Clamped(props: Readonly<{ text: string | null }>) {
  if (props.text === null) return <>—</>
  return (
    <Text size="sm" lineClamp={3} title={props.text} style={{ whiteSpace: 'pre-wrap' }}>
      {props.text}
    </Text>
  )
}

const IMAGES_SHOWN = 3

/**
 * Image paths one per line, cut at the start so the file name stays visible (exports name
 * images by content hash, which would otherwise wrap into a tall column); full path on hover.
 */
function ImageList(props: Readonly<{ images: readonly string[] }>) {
  if (props.images.length === 0) return <>—</>
  const rest = props.images.length - IMAGES_SHOWN
  return (
    <Stack gap={0}>
      {props.images.slice(0, IMAGES_SHOWN).map((path, i) => (
        <Text key={i} size="xs" ff="monospace" truncate="start" title={path}>
          {path}
        </Text>
      ))}
      {rest > 0 ? (
        <Text size="xs" c="dimmed">
          +{rest} more
        </Text>
      ) : null}
    </Stack>
  )
}

/** What a dataset import will read: detected format, data files, the first rows checked. */
export function DatasetPreviewTable(props: Readonly<{ preview: DatasetPreviewDto }>) {
  const p = props.preview
  const refused = p.preview.filter((row) => row.error !== null).length
  return (
    <Stack gap="sm" aria-label="Dataset preview">
      <Group gap="xs">
        <Text size="sm">Detected format:</Text>
        <Badge variant="light" aria-label="Detected format">
          {DATASET_FORMAT_LABELS[p.format]}
        </Badge>
        {p.ownExport ? (
          <Badge variant="outline" color="gray">
            Delta Studio export
          </Badge>
        ) : null}
        <Text size="sm" c="dimmed">
          {p.files.length} data file{p.files.length === 1 ? '' : 's'}:
        </Text>
        {p.files.map((f) => (
          <Code key={f.path} title={`split: ${f.split}`}>
            {f.path}
          </Code>
        ))}
      </Group>
      {p.preview.length === 0 ? (
        <Text size="sm" c="dimmed">
          The data files hold no rows.
        </Text>
      ) : (
        <>
          <Text size="sm" c={refused ? 'red' : 'dimmed'}>
            First {p.preview.length} row{p.preview.length === 1 ? '' : 's'}
            {refused ? `: ${refused} would be refused` : ', checked as the import will'}
          </Text>
          <Table aria-label="First rows" withTableBorder fz="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>Row</Table.Th>
                <Table.Th w={170}>Images</Table.Th>
                <Table.Th>Question</Table.Th>
                <Table.Th>Chosen</Table.Th>
                <Table.Th>Rejected</Table.Th>
                <Table.Th w={170}>Check</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.preview.map((row) => (
                <Table.Tr key={row.where}>
                  <Table.Td>
                    {row.where}
                    {row.tier ? (
                      <Text size="xs" c="dimmed">
                        tier {row.tier}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <ImageList images={row.images} />
                  </Table.Td>
                  <Table.Td>
                    <Clamped text={row.question} />
                  </Table.Td>
                  <Table.Td>
                    <Clamped text={row.chosen} />
                  </Table.Td>
                  <Table.Td>
                    <Clamped text={row.rejected} />
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
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
        </>
      )}
    </Stack>
  )
}
