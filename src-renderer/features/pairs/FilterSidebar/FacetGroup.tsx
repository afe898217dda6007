import { Checkbox, Group, Stack, Text } from '@mantine/core'

type Option<T> = Readonly<{ value: T; label: string; count: number | undefined }>

/** A facet: one checkbox per value, with the count the value would have under the filter. */
export function FacetGroup<T extends string | number>(
  props: Readonly<{
    title: string
    options: readonly Option<T>[]
    selected: readonly T[] | undefined
    onChange(next: T[]): void
  }>
) {
  const selected = props.selected ?? []
  return (
    <Stack gap={4} role="group" aria-label={props.title}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {props.title}
      </Text>
      {props.options.length === 0 ? (
        <Text size="xs" c="dimmed">
          None
        </Text>
      ) : null}
      {props.options.map((option) => {
        const checked = selected.includes(option.value)
        return (
          <Group key={String(option.value)} justify="space-between" wrap="nowrap" gap="xs">
            <Checkbox
              size="xs"
              label={option.label}
              checked={checked}
              onChange={() =>
                props.onChange(
                  checked ? selected.filter((v) => v !== option.value) : [...selected, option.value]
                )
              }
            />
            <Text
              size="xs"
              c="dimmed"
              ff="monospace"
              aria-label={`${option.label}: ${option.count ?? 0} pairs`}
            >
              {(option.count ?? 0).toLocaleString()}
            </Text>
          </Group>
        )
      })}
    </Stack>
  )
}
