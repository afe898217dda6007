import { Badge, Card, Group, Image, SimpleGrid, Stack, Text } from '@mantine/core'

import type { CompositionDto } from '../../../src-shared/contract/compose'
import { api } from '../../api/client'
import { useRpcQuery } from '../../api/hooks'
import { EmptyState } from '../../components/EmptyState/EmptyState'
import { TierBadge } from '../../components/TierBadge/TierBadge'

/** One composed sample: what the model sees, the question, the answer and where it came from. */
function CompositionCard(props: Readonly<{ composition: CompositionDto }>) {
  const c = props.composition
  const shown =
    c.layout === 'sequence'
      ? c.sources.flatMap((s) => (s.image ? [{ ...s, image: s.image }] : []))
      : []
  return (
    <Card withBorder padding="xs" aria-label={`Composed sample ${c.sampleId}`}>
      <Stack gap={6}>
        <Group gap={6}>
          <TierBadge tier={c.tier} />
          <Badge variant="light" color="grape" size="sm">
            {c.layout}
          </Badge>
          <Text size="xs" c="dimmed">
            {c.imageCount} images · {c.template}
          </Text>
        </Group>
        {c.layout === 'sequence' ? (
          <SimpleGrid cols={Math.min(shown.length, 5)} spacing={4}>
            {shown.map((s) => (
              <Stack key={s.position} gap={0} align="center">
                <Image
                  src={api().mediaUrl({ sha256: s.image.sha256 })}
                  alt={`Image ${s.position + 1}`}
                  h={56}
                  w="auto"
                  maw="100%"
                  fit="contain"
                  radius="xs"
                  style={
                    s.role === 'target' || s.role === 'operand'
                      ? { outline: '2px solid var(--mantine-color-orange-6)' }
                      : undefined
                  }
                />
                <Text size="10px" c="dimmed">
                  Image {s.position + 1}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        ) : (
          c.images.map((image) => (
            <Image
              key={image.sha256}
              src={api().mediaUrl({ sha256: image.sha256 })}
              alt={`${c.layout} of sample ${c.sampleId}`}
              h={120}
              fit="contain"
              radius="xs"
            />
          ))
        )}
        <Text size="xs" lineClamp={3}>
          {c.question}
        </Text>
        <Text size="xs" c="dimmed">
          Answer: <b>{c.groundTruth}</b> · sources {c.sources.map((s) => s.sampleId).join(', ')}
        </Text>
      </Stack>
    </Card>
  )
}

/** The newest composed samples of the project. */
export function ComposePreview() {
  const list = useRpcQuery('compose.list', { limit: 12 })
  if (!list.data) return null
  if (list.data.total === 0) {
    return (
      <EmptyState title="Nothing composed yet">
        Compose samples to see them here, then generate pairs for them.
      </EmptyState>
    )
  }
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {list.data.total} composed samples; the newest {list.data.rows.length}:
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="sm">
        {list.data.rows.map((c) => (
          <CompositionCard key={c.sampleId} composition={c} />
        ))}
      </SimpleGrid>
    </Stack>
  )
}
