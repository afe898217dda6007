import { ActionIcon, Button, Group, SegmentedControl, Switch, Text, Tooltip } from '@mantine/core'
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconArrowsExchange,
  IconCheck,
  IconChevronLeft,
  IconChevronRight,
  IconKeyboard,
  IconList,
  IconNote,
  IconTag,
  IconX
} from '@tabler/icons-react'

import { Link } from 'react-router-dom'

import type { PairDto, PairNeighborsDto } from '../../../../src-shared/contract/pairs'
import type { Tier } from '../../../../src-shared/domain/pair-filter'

type Props = Readonly<{
  pair: PairDto
  neighbors: PairNeighborsDto | undefined
  canUndo: boolean
  canRedo: boolean
  autoAdvance: boolean
  busy: boolean
  onAutoAdvance(on: boolean): void
  onAccept(): void
  onReject(): void
  onSwap(): void
  onTier(tier: Tier): void
  onNote(): void
  onTag(): void
  onUndo(): void
  onRedo(): void
  onPrev(): void
  onNext(): void
  onHelp(): void
  /** The pairs browser with the same filter and sort. */
  listHref: string
}>

/** Position, navigation and every review action; each is also a key (see the `?` sheet). */
export function ReviewToolbar(props: Props) {
  const { neighbors } = props
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="xs"
      role="toolbar"
      aria-label="Review actions"
    >
      <Group gap={4} wrap="nowrap">
        <Tooltip label="Back to the list">
          <ActionIcon
            variant="subtle"
            component={Link}
            to={props.listHref}
            aria-label="Back to list"
          >
            <IconList size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Previous pair (K or ←)">
          <ActionIcon
            variant="default"
            aria-label="Previous pair"
            disabled={!neighbors || neighbors.prev === null}
            onClick={props.onPrev}
          >
            <IconChevronLeft size={16} />
          </ActionIcon>
        </Tooltip>
        <Text size="sm" ff="monospace" miw={90} ta="center" aria-label="Position">
          {neighbors?.position != null
            ? `${neighbors.position.toLocaleString()} / ${neighbors.total.toLocaleString()}`
            : `#${props.pair.id}`}
        </Text>
        <Tooltip label="Next pair (J or →)">
          <ActionIcon
            variant="default"
            aria-label="Next pair"
            disabled={!neighbors || neighbors.next === null}
            onClick={props.onNext}
          >
            <IconChevronRight size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Group gap={6} wrap="nowrap">
        <Tooltip label="Accept (A)">
          <Button
            size="xs"
            color="teal"
            variant={props.pair.status === 'accepted' ? 'filled' : 'light'}
            leftSection={<IconCheck size={14} />}
            onClick={props.onAccept}
          >
            Accept
          </Button>
        </Tooltip>
        <Tooltip label="Reject (R)">
          <Button
            size="xs"
            color="red"
            variant={props.pair.status === 'rejected' ? 'filled' : 'light'}
            leftSection={<IconX size={14} />}
            onClick={props.onReject}
          >
            Reject
          </Button>
        </Tooltip>
        <Tooltip label="Swap chosen and rejected (S)">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowsExchange size={14} />}
            onClick={props.onSwap}
          >
            Swap
          </Button>
        </Tooltip>
        <SegmentedControl
          size="xs"
          aria-label="Tier"
          value={String(props.pair.tier)}
          onChange={(v) => props.onTier(Number(v) as Tier)}
          data={['1', '2', '3'].map((t) => ({ value: t, label: `T${t}` }))}
        />
        <Tooltip label="Note (N)">
          <ActionIcon variant="default" aria-label="Note" onClick={props.onNote}>
            <IconNote size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Tag (T)">
          <ActionIcon variant="default" aria-label="Tag" onClick={props.onTag}>
            <IconTag size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Undo (Ctrl+Z or U)">
          <ActionIcon
            variant="default"
            aria-label="Undo"
            disabled={!props.canUndo}
            onClick={props.onUndo}
          >
            <IconArrowBackUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Redo (Ctrl+Shift+Z or Shift+U)">
          <ActionIcon
            variant="default"
            aria-label="Redo"
            disabled={!props.canRedo}
            onClick={props.onRedo}
          >
            <IconArrowForwardUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Switch
          size="xs"
          label="Auto-advance"
          checked={props.autoAdvance}
          onChange={(e) => props.onAutoAdvance(e.currentTarget.checked)}
        />
        <Tooltip label="Keyboard shortcuts (?)">
          <ActionIcon variant="subtle" aria-label="Keyboard shortcuts" onClick={props.onHelp}>
            <IconKeyboard size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  )
}
