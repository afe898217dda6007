import {
  Button,
  Divider,
  Group,
  NumberInput,
  ScrollArea,
  Stack,
  Text,
  TextInput
} from '@mantine/core'

import type { FacetCountsDto } from '../../../../src-shared/contract/pairs'
import {
  COMPOSE_LAYOUTS,
  CORRECTNESS,
  PAIR_ORIGINS,
  PAIR_STATUSES,
  TIERS,
  isEmptyPairFilter
} from '../../../../src-shared/domain/pair-filter'
import type { PairFilter } from '../../../../src-shared/domain/pair-filter'
import { STATUS_LABELS } from '../../../components/StatusBadge/StatusBadge'
import type { PairFilterState } from '../usePairFilterState'
import { FacetGroup } from './FacetGroup'
import { RangeFilter } from './RangeFilter'
import { SearchBox } from './SearchBox'
import { TriState } from './TriState'

const ORIGIN_LABELS: Record<(typeof PAIR_ORIGINS)[number], string> = {
  'visual-delta': 'Visual delta',
  'prompt-complexity': 'Prompt complexity',
  import: 'Imported',
  manual: 'Manual'
}
const LAYOUT_LABELS: Record<(typeof COMPOSE_LAYOUTS)[number], string> = {
  sequence: 'Sequence',
  grid: 'Grid collage',
  pip: 'Picture-in-picture'
}
const CORRECTNESS_LABELS = { correct: 'Correct', wrong: 'Wrong', unknown: 'Unknown' } as const

function countOf<T>(list: readonly { value: T; count: number }[] | undefined, value: T) {
  return list?.find((f) => f.value === value)?.count
}

/** Every filter of the pair filter model, with live facet counts from the core. */
export function FilterSidebar(
  props: Readonly<{ state: PairFilterState; facets: FacetCountsDto | undefined }>
) {
  const { filter, patchFilter, setFilter } = props.state
  const f = props.facets
  const patch =
    <K extends keyof PairFilter>(key: K) =>
    (value: PairFilter[K]) =>
      patchFilter({ [key]: value } as Partial<PairFilter>)
  const tagValues = [...new Set([...(f?.tags.map((t) => t.value) ?? []), ...(filter.tags ?? [])])]
  const perturbValues = [
    ...new Set([...(f?.perturbTypes.map((t) => t.value) ?? []), ...(filter.perturbTypes ?? [])])
  ]

  return (
    <ScrollArea h="100%" type="auto" offsetScrollbars>
      <Stack
        gap="md"
        p="xs"
        component="form"
        aria-label="Filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <Group justify="space-between">
          <Text fw={700} size="sm">
            Filters
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={isEmptyPairFilter(filter)}
            onClick={() => setFilter({})}
          >
            Clear all
          </Button>
        </Group>
        <SearchBox value={filter.text} onChange={patch('text')} />
        <FacetGroup
          title="Status"
          selected={filter.statuses}
          onChange={patch('statuses')}
          options={PAIR_STATUSES.map((value) => ({
            value,
            label: STATUS_LABELS[value],
            count: countOf(f?.statuses, value)
          }))}
        />
        <FacetGroup
          title="Tier"
          selected={filter.tiers}
          onChange={(next) => patchFilter({ tiers: next as PairFilter['tiers'] })}
          options={TIERS.map((value) => ({
            value,
            label: `Tier ${value}`,
            count: countOf(f?.tiers, value)
          }))}
        />
        {f?.layouts || filter.layouts ? (
          <FacetGroup
            title="Layout"
            selected={filter.layouts}
            onChange={patch('layouts')}
            options={COMPOSE_LAYOUTS.map((value) => ({
              value,
              label: LAYOUT_LABELS[value],
              count: countOf(f?.layouts, value)
            }))}
          />
        ) : null}
        {f?.imageCounts || filter.imageCounts ? (
          <FacetGroup
            title="Images"
            selected={filter.imageCounts}
            onChange={(next) => patchFilter({ imageCounts: next as number[] })}
            options={[
              ...new Set([
                ...(f?.imageCounts?.map((c) => c.value) ?? []),
                ...(filter.imageCounts ?? [])
              ])
            ]
              .sort((a, b) => a - b)
              .map((value) => ({
                value,
                label: value === 1 ? '1 image' : `${value} images`,
                count: countOf(f?.imageCounts, value)
              }))}
          />
        ) : null}
        <RangeFilter
          title="Length delta (tokens)"
          value={filter.deltaTokens}
          onChange={patch('deltaTokens')}
        />
        <RangeFilter
          title="Length delta (characters)"
          value={filter.deltaChars}
          onChange={patch('deltaChars')}
        />
        <RangeFilter
          title="Judge score"
          value={filter.judgeScore}
          onChange={patch('judgeScore')}
          step={0.05}
          decimalScale={3}
        />
        <FacetGroup
          title="Origin"
          selected={filter.origins}
          onChange={patch('origins')}
          options={PAIR_ORIGINS.map((value) => ({
            value,
            label: ORIGIN_LABELS[value],
            count: countOf(f?.origins, value)
          }))}
        />
        <FacetGroup
          title="Perturbation"
          selected={filter.perturbTypes}
          onChange={patch('perturbTypes')}
          options={perturbValues.map((value) => ({
            value,
            label: value,
            count: countOf(f?.perturbTypes, value)
          }))}
        />
        <RangeFilter
          title="Perturbation level"
          value={filter.perturbLevel}
          onChange={patch('perturbLevel')}
          decimalScale={3}
        />
        <FacetGroup
          title="Chosen is"
          selected={filter.chosenCorrect}
          onChange={patch('chosenCorrect')}
          options={CORRECTNESS.map((value) => ({
            value,
            label: CORRECTNESS_LABELS[value],
            count: countOf(f?.chosenCorrect, value)
          }))}
        />
        <FacetGroup
          title="Rejected is"
          selected={filter.rejectedCorrect}
          onChange={patch('rejectedCorrect')}
          options={CORRECTNESS.map((value) => ({
            value,
            label: CORRECTNESS_LABELS[value],
            count: countOf(f?.rejectedCorrect, value)
          }))}
        />
        <FacetGroup
          title="Tags"
          selected={filter.tags}
          onChange={patch('tags')}
          options={tagValues.map((value) => ({
            value,
            label: value,
            count: countOf(f?.tags, value)
          }))}
        />
        <TriState title="Has note" value={filter.hasNote} onChange={patch('hasNote')} />
        <TriState title="Edited" value={filter.edited} onChange={patch('edited')} />
        <Divider />
        <RunIdsInput value={filter.runIds} onChange={patch('runIds')} />
        <NumberInput
          size="xs"
          label="Sample id"
          min={1}
          allowDecimal={false}
          value={filter.sampleId ?? ''}
          onChange={(v) =>
            patchFilter({ sampleId: typeof v === 'number' && v > 0 ? v : undefined })
          }
        />
      </Stack>
    </ScrollArea>
  )
}

function RunIdsInput(
  props: Readonly<{ value: number[] | undefined; onChange(next: number[] | undefined): void }>
) {
  return (
    <TextInput
      size="xs"
      label="Run ids"
      placeholder="e.g. 1, 3"
      defaultValue={props.value?.join(', ') ?? ''}
      key={props.value?.join(',') ?? ''}
      onBlur={(event) => {
        const ids = event.currentTarget.value
          .split(/[\s,]+/)
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0)
        props.onChange(ids.length ? ids : undefined)
      }}
    />
  )
}
