import { Box, Button, Group, Stack, Text, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArrowsDiff } from '@tabler/icons-react'
import { keepPreviousData } from '@tanstack/react-query'
import { useCallback } from 'react'
import { Link, useNavigate } from 'react-router-dom'

import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { BulkBar } from '../features/pairs/BulkBar/BulkBar'
import { FilterSidebar } from '../features/pairs/FilterSidebar/FilterSidebar'
import { PairsTable } from '../features/pairs/PairsTable/PairsTable'
import { ViewControls } from '../features/pairs/ViewControls/ViewControls'
import { usePairFilterState } from '../features/pairs/usePairFilterState'
import { usePairPages } from '../features/pairs/usePairPages'
import { useSelection } from '../features/pairs/useSelection'

/** Header, page padding and title: what the list's scroll area must leave room for. */
const CHROME = 52 + 32 + 44 + 80

export function PairsPage() {
  const state = usePairFilterState()
  const navigate = useNavigate()
  const project = useRpcQuery('project.current', {})
  const pages = usePairPages(state.filter, state.sort)
  // Counts wait until the rows are in and the filter has settled: the core answers requests in
  // order, and at 100k pairs counting takes longer than a page of rows.
  const [settledFilter] = useDebouncedValue(state.filter, 250)
  const rowsShown = !pages.isPending && !pages.isPlaceholder
  const facets = useRpcQuery(
    'pairs.facets',
    { filter: settledFilter },
    {
      placeholderData: keepPreviousData,
      enabled: Boolean(project.data) && rowsShown && settledFilter === state.filter
    }
  )
  const selection = useSelection(state.query)
  const { rows } = pages
  const { setAll } = selection
  const onToggleAll = useCallback(
    (checked: boolean) => setAll(checked ? rows.map((r) => r.id) : null),
    [rows, setAll]
  )
  const { query } = state
  const onOpen = useCallback(
    (id: number) => navigate(`/review?id=${id}${query ? `&${query}` : ''}`),
    [navigate, query]
  )

  if (project.data === null) {
    return (
      <Stack gap="lg">
        <Title order={2}>Pairs</Title>
        <EmptyState title="No project open">Open or create a project first.</EmptyState>
      </Stack>
    )
  }

  // A count from an older filter is never shown as the current one (nor put in a confirmation).
  const fresh = settledFilter === state.filter && facets.isSuccess && !facets.isPlaceholderData
  const total = fresh ? facets.data.total : undefined
  return (
    <Group align="stretch" gap="md" wrap="nowrap" h={`calc(100dvh - ${52 + 32}px)`}>
      <Box w={250} miw={250} h="100%">
        <FilterSidebar state={state} facets={facets.data} />
      </Box>
      <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" align="baseline">
            <Title order={2}>Pairs</Title>
            <Text c="dimmed" size="sm" aria-label="Matching pairs" role="status">
              {total === undefined ? '…' : `${total.toLocaleString()} matching`}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ViewControls state={state} />
            <Button
              size="xs"
              component={Link}
              to={`/review${query ? `?${query}` : ''}`}
              leftSection={<IconArrowsDiff size={14} />}
              disabled={total === 0}
            >
              Review these
            </Button>
          </Group>
        </Group>
        <BulkBar
          filter={state.filter}
          total={total}
          selected={selection.ids}
          onDone={() => setAll(null)}
        />
        {pages.error ? (
          <Text c="red" role="alert">
            {pages.error.message}
          </Text>
        ) : null}
        <PairsTable
          rows={rows}
          hasNextPage={pages.hasNextPage}
          isFetchingNextPage={pages.isFetchingNextPage}
          fetchNextPage={() => void pages.fetchNextPage()}
          selected={selection.ids}
          anchor={selection.anchor}
          onToggle={selection.toggle}
          onToggleAll={onToggleAll}
          onOpen={onOpen}
          height={`calc(100dvh - ${CHROME}px)`}
          rowsQuery={pages.isPlaceholder || pages.isPending ? null : state.query}
        />
      </Stack>
    </Group>
  )
}
