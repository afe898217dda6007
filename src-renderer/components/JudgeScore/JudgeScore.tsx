import { Group, Progress, Text } from '@mantine/core'

function colorOf(score: number): string {
  if (score >= 0.7) return 'teal'
  if (score >= 0.5) return 'yellow'
  return 'red'
}

/**
 * Judge's probability that chosen beats rejected (0..1). Below 0.5 the judge prefers the
 * rejected answer: the pair is a candidate for a swap.
 */
export function JudgeScore(props: Readonly<{ score: number | null; withBar?: boolean }>) {
  if (props.score === null) {
    return (
      <Text size="sm" c="dimmed" aria-label="Judge score: not judged">
        —
      </Text>
    )
  }
  const score = props.score
  return (
    <Group
      gap={6}
      wrap="nowrap"
      role="group"
      aria-label={`Judge score ${score.toFixed(2)}`}
      title="Judge: probability that chosen beats rejected"
    >
      <Text size="sm" ff="monospace" c={colorOf(score)} fw={600}>
        {score.toFixed(2)}
      </Text>
      {props.withBar ? (
        <Progress value={score * 100} color={colorOf(score)} w={48} size="sm" aria-hidden />
      ) : null}
    </Group>
  )
}
