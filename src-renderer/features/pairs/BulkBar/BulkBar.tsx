import {
  Alert,
  Button,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput
} from '@mantine/core'
import { IconArrowsExchange, IconCheck, IconChevronDown, IconTag, IconX } from '@tabler/icons-react'
import { useState } from 'react'

import type { BulkOp, PairTarget } from '../../../../src-shared/contract/pairs'
import type { PairFilter, Tier } from '../../../../src-shared/domain/pair-filter'
import { JudgeButton } from './JudgeButton'
import { useBulkAction } from './useBulkAction'

type Scope = 'selection' | 'filtered'

const plural = (n: number) => `${n.toLocaleString()} pair${n === 1 ? '' : 's'}`

/** Bulk accept / reject / set tier / tag on the selection or on every pair the filter matches. */
export function BulkBar(
  props: Readonly<{
    filter: PairFilter
    total: number | undefined
    selected: ReadonlySet<number>
    onDone(): void
  }>
) {
  const bulk = useBulkAction()
  const [tag, setTag] = useState('')
  const [tagging, setTagging] = useState(false)
  const hasSelection = props.selected.size > 0
  const [scopeChoice, setScope] = useState<Scope>('selection')
  const scope: Scope = hasSelection ? scopeChoice : 'filtered'
  const count = scope === 'selection' ? props.selected.size : (props.total ?? 0)
  const target: PairTarget =
    scope === 'selection' ? { ids: [...props.selected] } : { filter: props.filter }

  const ask = (op: BulkOp, verb: string) => bulk.request({ op, target, count, verb })
  const disabled = count === 0 || bulk.busy

  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap">
        <SegmentedControl
          size="xs"
          aria-label="Apply to"
          value={scope}
          onChange={(v) => setScope(v as Scope)}
          data={[
            {
              value: 'selection',
              label: `Selected (${props.selected.size.toLocaleString()})`,
              disabled: !hasSelection
            },
            { value: 'filtered', label: `All matching (${props.total?.toLocaleString() ?? '…'})` }
          ]}
        />
        <Button
          size="xs"
          color="teal"
          variant="light"
          leftSection={<IconCheck size={14} />}
          disabled={disabled}
          onClick={() => ask({ op: 'accept' }, 'Accept')}
        >
          Accept…
        </Button>
        <Button
          size="xs"
          color="red"
          variant="light"
          leftSection={<IconX size={14} />}
          disabled={disabled}
          onClick={() => ask({ op: 'reject' }, 'Reject')}
        >
          Reject…
        </Button>
        <JudgeButton target={target} count={count} disabled={count === 0} />
        <Menu position="bottom-start">
          <Menu.Target>
            <Button
              size="xs"
              variant="default"
              rightSection={<IconChevronDown size={14} />}
              disabled={disabled}
            >
              More
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Set tier</Menu.Label>
            {([1, 2, 3] as Tier[]).map((tier) => (
              <Menu.Item
                key={tier}
                onClick={() => ask({ op: 'setTier', tier }, `Set tier ${tier} on`)}
              >
                Set tier {tier}
              </Menu.Item>
            ))}
            <Menu.Divider />
            <Menu.Item leftSection={<IconTag size={14} />} onClick={() => setTagging(true)}>
              Add tag…
            </Menu.Item>
            <Menu.Item onClick={() => ask({ op: 'reset' }, 'Reset to pending')}>
              Reset to pending
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item
              leftSection={<IconArrowsExchange size={14} />}
              onClick={() => ask({ op: 'swapReversed' }, 'Swap judge-reversed among')}
            >
              Swap judge-reversed pairs…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Modal opened={tagging} onClose={() => setTagging(false)} title="Add tag" centered>
        <Stack>
          <TextInput
            aria-label="Tag name"
            data-autofocus
            value={tag}
            onChange={(e) => setTag(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button
              disabled={tag.trim() === ''}
              onClick={() => {
                setTagging(false)
                ask({ op: 'addTag', tag: tag.trim() }, `Tag “${tag.trim()}” on`)
              }}
            >
              Continue
            </Button>
          </Group>
        </Stack>
      </Modal>

      {bulk.result ? (
        <Alert
          color="teal"
          variant="light"
          withCloseButton
          onClose={bulk.dismiss}
          role="status"
          aria-label="Bulk result"
          p="xs"
        >
          <Group justify="space-between">
            <Text size="sm">
              {bulk.result.verb} {plural(bulk.result.count)}:{' '}
              {bulk.result.affected.toLocaleString()} changed
              {bulk.result.affected < bulk.result.count
                ? `, ${(bulk.result.count - bulk.result.affected).toLocaleString()} already were`
                : ''}
              .
            </Text>
            {bulk.result.batchId ? (
              <Button
                size="compact-xs"
                variant="white"
                onClick={() => void bulk.undo()}
                loading={bulk.busy}
              >
                Undo bulk change
              </Button>
            ) : null}
          </Group>
        </Alert>
      ) : null}
      {bulk.error && !bulk.pending ? (
        <Alert color="red" variant="light" role="alert" p="xs">
          {bulk.error}
        </Alert>
      ) : null}

      <Modal
        opened={bulk.pending !== null}
        onClose={bulk.cancel}
        title="Confirm bulk change"
        centered
      >
        {bulk.pending ? (
          <Stack>
            <Text>
              {bulk.pending.verb} {plural(bulk.pending.count)}
              {bulk.pending.target && 'filter' in bulk.pending.target
                ? ' matching the current filters'
                : ' selected'}
              ? This is one step: a single undo reverts it.
            </Text>
            {bulk.error ? (
              <Text c="red" size="sm" role="alert">
                {bulk.error}
              </Text>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={bulk.cancel}>
                Cancel
              </Button>
              <Button
                loading={bulk.busy}
                onClick={() => void bulk.confirm().then((ok) => ok && props.onDone())}
              >
                {bulk.pending.verb} {plural(bulk.pending.count)}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  )
}
