import { Center, Checkbox, Loader, Text } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef } from 'react'

import type { PairDto } from '../../../../src-shared/contract/pairs'
import classes from './PairsTable.module.css'
import { PairRow } from './PairRow'

const ROW_HEIGHT = 56
/** Start loading the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 60

type Props = Readonly<{
  rows: readonly PairDto[]
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage(): void
  selected: ReadonlySet<number>
  onToggle(id: number, range?: readonly number[]): void
  onToggleAll(checked: boolean): void
  anchor: number | null
  onOpen(id: number): void
  height: number | string
  /** The filter query the rows belong to; null while older rows stand in for a new filter. */
  rowsQuery: string | null
}>

/** Virtualized pair list: only the rows in view (plus a margin) exist in the DOM. */
export function PairsTable(props: Props) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const { rows, hasNextPage, isFetchingNextPage, fetchNextPage } = props
  const count = rows.length + (hasNextPage ? 1 : 0)
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.length ? items[items.length - 1]!.index : 0

  // Keyset pages load as the window nears the end of the loaded rows.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) {
      fetchNextPage()
    }
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, fetchNextPage])

  const { onToggle, anchor } = props
  const toggle = useCallback(
    (id: number, index: number, shift: boolean) => {
      const from = anchor === null ? -1 : rows.findIndex((r) => r.id === anchor)
      if (!shift || from === -1) return onToggle(id)
      const [a, b] = from < index ? [from, index] : [index, from]
      onToggle(
        id,
        rows.slice(a, b + 1).map((r) => r.id)
      )
    },
    [anchor, rows, onToggle]
  )

  const allSelected = rows.length > 0 && rows.every((r) => props.selected.has(r.id))
  const someSelected = props.selected.size > 0 && !allSelected
  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      style={{ height: props.height }}
      role="table"
      aria-label="Pairs"
      aria-rowcount={hasNextPage ? -1 : rows.length + 1}
      data-testid="pairs-scroller"
      aria-busy={props.rowsQuery === null}
      data-rows-query={props.rowsQuery ?? undefined}
    >
      <div role="rowgroup" className={`${classes.grid} ${classes.header}`}>
        <div role="row" style={{ display: 'contents' }}>
          <div role="columnheader">
            <Checkbox
              size="xs"
              aria-label="Select all loaded pairs"
              checked={allSelected}
              indeterminate={someSelected}
              onChange={() => props.onToggleAll(!allSelected)}
            />
          </div>
          <div role="columnheader">Images</div>
          <div role="columnheader">Question · chosen</div>
          <div role="columnheader">Tier</div>
          <div role="columnheader">Status</div>
          <div role="columnheader" title="Rejected minus chosen, tokens">
            Δ tok
          </div>
          <div role="columnheader">Judge</div>
          <div role="columnheader">Recipe</div>
        </div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const pair = rows[item.index]
          if (!pair) {
            return (
              <Center
                key="loader"
                className={classes.row}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <Loader size="xs" aria-label="Loading more pairs" />
              </Center>
            )
          }
          return (
            <PairRow
              key={pair.id}
              pair={pair}
              index={item.index}
              top={item.start}
              height={ROW_HEIGHT}
              selected={props.selected.has(pair.id)}
              onToggle={toggle}
              onOpen={props.onOpen}
            />
          )
        })}
      </div>
      {rows.length === 0 && !hasNextPage ? (
        <Center p="xl">
          <Text c="dimmed" role="status">
            No pairs match these filters
          </Text>
        </Center>
      ) : null}
    </div>
  )
}
