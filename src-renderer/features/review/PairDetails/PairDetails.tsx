import { Badge, Group, Stack, Table, Text } from '@mantine/core'

import type { PairDto } from '../../../../src-shared/contract/pairs'
import { JudgeOrders } from '../../../components/JudgeScore/JudgeOrders'
import { JudgeScore } from '../../../components/JudgeScore/JudgeScore'
import { LengthDelta } from '../../../components/LengthDelta/LengthDelta'
import { StatusBadge } from '../../../components/StatusBadge/StatusBadge'
import { TierBadge } from '../../../components/TierBadge/TierBadge'

const correctness = (value: boolean | null) =>
  value === null ? 'unknown' : value ? 'correct' : 'wrong'

/** Everything known about the pair besides the images and answers. */
export function PairDetails(props: Readonly<{ pair: PairDto }>) {
  const { pair } = props
  const rows: Array<[string, React.ReactNode]> = [
    ['Status', <StatusBadge key="s" status={pair.status} />],
    [
      'Tier',
      <Group key="t" gap={6}>
        <TierBadge tier={pair.tier} />
        <Text size="xs" c="dimmed">
          {pair.tierSource}
        </Text>
      </Group>
    ],
    ['Length Δ', <LengthDelta key="l" tokens={pair.deltaTokens} chars={pair.deltaChars} />],
    [
      'Judge',
      <Stack key="j" gap={4}>
        <JudgeScore score={pair.judgeScore} withBar />
        {pair.judge ? <JudgeOrders judge={pair.judge} /> : null}
      </Stack>
    ],
    [
      'Recipe',
      <Text key="r" size="sm" ff="monospace">
        {pair.recipeKey ?? '—'}
        {pair.psnr !== null ? ` · PSNR ${pair.psnr.toFixed(1)} dB` : ''}
        {pair.ssim !== null ? ` · SSIM ${pair.ssim.toFixed(3)}` : ''}
      </Text>
    ],
    [
      'Origin',
      <Text key="o" size="sm">
        {pair.origin}
      </Text>
    ],
    [
      'Ground truth',
      <Text key="g" size="sm" c={pair.groundTruth ? undefined : 'dimmed'}>
        {pair.groundTruth ?? 'None'}
        {pair.groundTruth
          ? ` · chosen ${correctness(pair.chosenCorrect)}, rejected ${correctness(pair.rejectedCorrect)}`
          : ''}
      </Text>
    ],
    [
      'Model',
      pair.run ? (
        <Group key="m" gap={6} wrap="nowrap">
          {pair.run.isTestModel ? (
            <Badge
              size="xs"
              color="orange"
              variant="light"
              style={{ flexShrink: 0 }}
              title="Random weights: its answers are meaningless"
            >
              Test model
            </Badge>
          ) : null}
          <Text size="sm" truncate="start" title={pair.run.model}>
            {pair.run.model.split('/').pop()}
          </Text>
        </Group>
      ) : (
        <Text key="m" size="sm" c="dimmed">
          —
        </Text>
      )
    ],
    [
      'Tags',
      pair.tags.length ? (
        <Group key="tg" gap={4}>
          {pair.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="default">
              {tag}
            </Badge>
          ))}
        </Group>
      ) : (
        <Text key="tg" size="sm" c="dimmed">
          None
        </Text>
      )
    ],
    [
      'Note',
      <Text key="n" size="sm" c={pair.note ? undefined : 'dimmed'} lineClamp={3}>
        {pair.note ?? 'None'}
      </Text>
    ]
  ]
  return (
    <Table variant="vertical" verticalSpacing={4} aria-label="Pair details" withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={100} fz="xs" c="dimmed">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
