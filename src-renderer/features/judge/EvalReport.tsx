import { Alert, Badge, Group, Stack, Table, Text, Title } from '@mantine/core'

import type { AccuracyDto, EvalReportDto } from '../../../src-shared/contract/judge'

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`
const ci = (a: AccuracyDto) =>
  a.interval ? `${pct(a.interval.low)} – ${pct(a.interval.high)}` : '—'

const ROWS: Array<{ key: keyof EvalReportDto['baselines'] | 'method'; label: string }> = [
  { key: 'method', label: 'Soft judge, both orders, Bradley–Terry' },
  { key: 'one_order', label: 'Soft judge, one order only' },
  { key: 'hard_verdict', label: 'Hard verdicts (sampled text)' },
  { key: 'always_first', label: '“Always first” position policy' },
  { key: 'random', label: 'Random scores' }
]

/** An evaluation report: accuracy with its 95 % interval, baselines, published references. */
export function EvalReport(props: Readonly<{ report: EvalReportDto }>) {
  const r = props.report
  const figure = (key: (typeof ROWS)[number]['key']): AccuracyDto =>
    key === 'method' ? { accuracy: r.accuracy, interval: r.interval } : r.baselines[key]
  const format = r.format === 'imagereward' ? 'ImageReward test' : 'HPD v2 test'
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={4}>
          {format} · {r.model}
        </Title>
        {r.is_test_model ? (
          <Badge color="orange" variant="light">
            test model
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {r.metric}. {r.pairs.toLocaleString()} pairs in {r.groups} of {r.groups_total} groups;{' '}
        {r.judgements.toLocaleString()} judgements, {r.no_verdict} without a verdict token
        {r.order_effect !== null ? `; mean position bias ${r.order_effect.toFixed(3)}` : ''}.
      </Text>
      <Table withTableBorder striped aria-label="Accuracy" maw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Scorer</Table.Th>
            <Table.Th>Accuracy</Table.Th>
            <Table.Th>95 % bootstrap interval</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROWS.map((row) => (
            <Table.Tr key={row.key} fw={row.key === 'method' ? 700 : undefined}>
              <Table.Td>{row.label}</Table.Td>
              <Table.Td ff="monospace">{pct(figure(row.key).accuracy)}</Table.Td>
              <Table.Td ff="monospace">{ci(figure(row.key))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {r.caveat ? (
        <Alert color="orange" variant="light" title="Test model" role="note">
          {r.caveat}
        </Alert>
      ) : null}
      <Title order={5}>Published figures (for reference)</Title>
      <Table withTableBorder aria-label="Published references" maw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th>ImageReward test</Table.Th>
            <Table.Th>HPD v2 test</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.references.map((ref) => (
            <Table.Tr key={ref.name}>
              <Table.Td>{ref.name}</Table.Td>
              <Table.Td ff="monospace" fw={r.format === 'imagereward' ? 700 : undefined}>
                {ref.imagereward.toFixed(1)} %
              </Table.Td>
              <Table.Td ff="monospace" fw={r.format === 'hpdv2' ? 700 : undefined}>
                {ref.hpdv2.toFixed(1)} %
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Published figures come from the papers’ own models and test splits; the HPD v2 split of the
        65.4 % figure is not stated by its authors.
      </Text>
      {r.skipped.groups > 0 ? (
        <Text size="sm" aria-label="Skipped groups">
          Skipped {r.skipped.groups} group{r.skipped.groups === 1 ? '' : 's'}:{' '}
          {Object.entries(r.skipped.reasons)
            .map(([reason, n]) => `${reason} ${n}`)
            .join(', ')}
          . Each is listed with its reason in the job’s errors.
        </Text>
      ) : null}
    </Stack>
  )
}
