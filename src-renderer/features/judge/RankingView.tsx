import { Badge, Card, Group, Image, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'

import type { RankingDto } from '../../../src-shared/contract/judge'

/**
 * One ranked prompt: its images best first with their Bradley–Terry scores, the soft wins
 * matrix in the same order (row beat column, summed over both presentation orders), and the
 * preference pairs the ranking yields.
 */
export function RankingView(
  props: Readonly<{ ranking: RankingDto; imageUrl: (sha256: string) => string }>
) {
  const r = props.ranking
  const label = (position: number) => `#${position + 1}`
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={4}>“{r.prompt}”</Title>
        {r.isTestModel ? (
          <Badge color="orange" variant="light">
            test model: meaningless verdicts
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {r.model} · {r.images} images · {r.comparisons} comparisons × 2 orders
        {r.noVerdict ? ` · ${r.noVerdict} without verdict` : ''}
        {r.orderEffect !== null ? ` · position bias ${r.orderEffect.toFixed(3)}` : ''}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} spacing="sm" aria-label="Ranked images">
        {r.ranked.map((im) => (
          <Card key={im.position} withBorder padding="xs" aria-label={`Rank ${im.rank}`}>
            <Card.Section>
              <Image src={props.imageUrl(im.sha256)} alt={im.label} h={120} fit="contain" />
            </Card.Section>
            <Group justify="space-between" mt={6} wrap="nowrap">
              <Text fw={700}>{im.rank}.</Text>
              <Text size="sm" ff="monospace" aria-label={`Score of rank ${im.rank}`}>
                {im.score.toFixed(3)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" truncate title={im.label}>
              {label(im.position)} {im.label}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={5}>Wins matrix</Title>
      <Table.ScrollContainer minWidth={300}>
        <Table withTableBorder withColumnBorders striped aria-label="Wins matrix" fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>row beat column</Table.Th>
              {r.ranked.map((c) => (
                <Table.Th key={c.position}>{label(c.position)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.ranked.map((row) => (
              <Table.Tr key={row.position}>
                <Table.Th>{label(row.position)}</Table.Th>
                {r.ranked.map((col) => {
                  const w = r.wins[row.position]?.[col.position] ?? 0
                  const against = r.wins[col.position]?.[row.position] ?? 0
                  const compared = row.position !== col.position && w + against > 0
                  return (
                    <Table.Td key={col.position} ff="monospace">
                      {compared ? w.toFixed(2) : '·'}
                    </Table.Td>
                  )
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={5}>Preference pairs</Title>
      {r.pairs.length === 0 ? (
        <Text size="sm" c="dimmed">
          None above the margin.
        </Text>
      ) : (
        <Stack gap={2} aria-label="Preference pairs">
          {r.pairs.map((p) => (
            <Text key={`${p.chosen}-${p.rejected}`} size="sm" ff="monospace">
              chosen {label(p.chosen)} ≻ rejected {label(p.rejected)} · margin {p.margin.toFixed(3)}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  )
}
