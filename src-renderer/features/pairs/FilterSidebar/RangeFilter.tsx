import { Group, NumberInput, Stack, Text } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { useState } from 'react'

import type { NumRange } from '../../../../src-shared/domain/pair-filter'

const key = (r: NumRange | undefined) => `${r?.min ?? ''}..${r?.max ?? ''}`

/** Inclusive min/max inputs; typing settles for a moment before the filter changes. */
export function RangeFilter(
  props: Readonly<{
    title: string
    value: NumRange | undefined
    onChange(next: NumRange | undefined): void
    step?: number
    decimalScale?: number
  }>
) {
  const [draft, setDraft] = useState<{ min: number | ''; max: number | '' }>({
    min: props.value?.min ?? '',
    max: props.value?.max ?? ''
  })
  // The URL can change the range (saved view, reset): take it as the new draft.
  const [seen, setSeen] = useState(key(props.value))
  if (seen !== key(props.value)) {
    setSeen(key(props.value))
    setDraft({ min: props.value?.min ?? '', max: props.value?.max ?? '' })
  }
  const commit = useDebouncedCallback((next: { min: number | ''; max: number | '' }) => {
    const range: NumRange = {}
    if (next.min !== '') range.min = next.min
    if (next.max !== '') range.max = next.max
    props.onChange(range.min === undefined && range.max === undefined ? undefined : range)
  }, 300)
  const update = (field: 'min' | 'max', raw: string | number) => {
    const value = typeof raw === 'number' ? raw : raw === '' || raw === '-' ? '' : Number(raw)
    if (value !== '' && !Number.isFinite(value)) return
    const next = { ...draft, [field]: value }
    setDraft(next)
    commit(next)
  }
  return (
    <Stack gap={4} role="group" aria-label={props.title}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {props.title}
      </Text>
      <Group gap="xs" grow wrap="nowrap">
        <NumberInput
          size="xs"
          placeholder="min"
          aria-label={`${props.title} min`}
          value={draft.min}
          step={props.step}
          decimalScale={props.decimalScale}
          onChange={(v) => update('min', v)}
        />
        <NumberInput
          size="xs"
          placeholder="max"
          aria-label={`${props.title} max`}
          value={draft.max}
          step={props.step}
          decimalScale={props.decimalScale}
          onChange={(v) => update('max', v)}
        />
      </Group>
    </Stack>
  )
}
