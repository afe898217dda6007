import { Badge, Group, Stack, Text } from '@mantine/core'

import type { PairDto } from '../../../src-shared/contract/pairs'

const fmt = (x: number | null) => (x === null ? 'no verdict' : x.toFixed(2))

/**
 * Both presentation orders of a judge's audit: the probability that the answer shown first
 * wins, with the chosen answer first and with the rejected answer first. Their average (chosen
 * first, and one minus rejected first) is the judge score; far apart means position bias.
 */
export function JudgeOrders(props: Readonly<{ judge: NonNullable<PairDto['judge']> }>) {
  const { judge } = props
  return (
    <Stack gap={2} aria-label="Judge orders">
      <Text size="xs" ff="monospace">
        chosen first {fmt(judge.chosenFirst)} · rejected first {fmt(judge.rejectedFirst)}
      </Text>
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          {judge.model}
        </Text>
        {judge.isTestModel ? (
          <Badge size="xs" color="orange" variant="light">
            test model
          </Badge>
        ) : null}
        {judge.reversed ? (
          <Badge size="xs" color="red" variant="light">
            judge prefers rejected
          </Badge>
        ) : null}
      </Group>
    </Stack>
  )
}
