import { SegmentedControl, Stack, Text } from '@mantine/core'

/** Any / Yes / No for an optional boolean filter. */
export function TriState(
  props: Readonly<{
    title: string
    value: boolean | undefined
    onChange(v: boolean | undefined): void
  }>
) {
  const value = props.value === undefined ? 'any' : props.value ? 'yes' : 'no'
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {props.title}
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label={props.title}
        value={value}
        onChange={(v) => props.onChange(v === 'any' ? undefined : v === 'yes')}
        data={[
          { value: 'any', label: 'Any' },
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' }
        ]}
      />
    </Stack>
  )
}
