import { Group, Text } from '@mantine/core'

/** `+12`, `−3`, `0`: the sign is always shown so a delta never reads as a length. */
export function formatSigned(value: number): string {
  if (value > 0) return `+${value}`
  if (value < 0) return `−${Math.abs(value)}`
  return '0'
}

function colorOf(value: number | null): string {
  if (value === null || value === 0) return 'dimmed'
  return value > 0 ? 'orange' : 'blue'
}

/**
 * Rejected minus chosen length. Positive (orange): the rejected answer is longer, the pattern the
 * visual-delta method reports for degraded images; negative (blue): it is shorter.
 */
export function LengthDelta(
  props: Readonly<{ tokens: number | null; chars: number | null; compact?: boolean }>
) {
  const { tokens, chars } = props
  if (tokens === null && chars === null) {
    return (
      <Text size="sm" c="dimmed" aria-label="Length delta: not measured">
        —
      </Text>
    )
  }
  const parts = [
    tokens !== null ? `${formatSigned(tokens)} tokens` : null,
    chars !== null ? `${formatSigned(chars)} characters` : null
  ].filter(Boolean)
  const label = `Length delta: ${parts.join(', ')} (rejected minus chosen)`
  return (
    <Group gap={6} wrap="nowrap" aria-label={label} role="group" title="Rejected minus chosen">
      {tokens !== null ? (
        <Text size="sm" fw={600} c={colorOf(tokens)} ff="monospace">
          {formatSigned(tokens)}
          <Text span size="xs" c="dimmed" ff="monospace">
            {' '}
            tok
          </Text>
        </Text>
      ) : null}
      {!props.compact && chars !== null ? (
        <Text size="sm" c={colorOf(chars)} ff="monospace">
          {formatSigned(chars)}
          <Text span size="xs" c="dimmed" ff="monospace">
            {' '}
            ch
          </Text>
        </Text>
      ) : null}
    </Group>
  )
}
