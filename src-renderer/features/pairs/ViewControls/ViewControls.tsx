import { ActionIcon, Button, Group, Menu, Select, TextInput, Tooltip } from '@mantine/core'
import { IconBookmark, IconSortAscending, IconSortDescending, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'

import { PAIR_SORT_KEYS } from '../../../../src-shared/domain/pair-filter'
import type { PairSortKey } from '../../../../src-shared/domain/pair-filter'
import type { PairFilterState } from '../usePairFilterState'
import { useSavedViews } from '../useSavedViews'

const SORT_LABELS: Record<PairSortKey, string> = {
  id: 'Id',
  created: 'Created',
  updated: 'Updated',
  deltaTokens: 'Length delta',
  judgeScore: 'Judge score',
  editDistance: 'Edit distance'
}

/** Sort key and direction, and named saved views of the current filter + sort. */
export function ViewControls(props: Readonly<{ state: PairFilterState }>) {
  const { sort, setSort, query, applyQuery } = props.state
  const saved = useSavedViews()
  const [name, setName] = useState('')
  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        size="xs"
        w={150}
        aria-label="Sort by"
        value={sort.key}
        allowDeselect={false}
        data={PAIR_SORT_KEYS.map((key) => ({ value: key, label: SORT_LABELS[key] }))}
        onChange={(key) => key && setSort({ key: key as PairSortKey, dir: sort.dir })}
      />
      <Tooltip label={sort.dir === 'asc' ? 'Ascending' : 'Descending'}>
        <ActionIcon
          variant="default"
          aria-label={`Sort direction: ${sort.dir === 'asc' ? 'ascending' : 'descending'}`}
          onClick={() => setSort({ key: sort.key, dir: sort.dir === 'asc' ? 'desc' : 'asc' })}
        >
          {sort.dir === 'asc' ? <IconSortAscending size={16} /> : <IconSortDescending size={16} />}
        </ActionIcon>
      </Tooltip>
      <Menu position="bottom-end" closeOnItemClick>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconBookmark size={14} />}>
            Views
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={260}>
          <Menu.Label>Saved views</Menu.Label>
          {saved.views.length === 0 ? <Menu.Item disabled>No saved views</Menu.Item> : null}
          {saved.views.map((view) => (
            <Menu.Item
              key={view.name}
              onClick={() => applyQuery(view.query)}
              rightSection={
                <ActionIcon
                  component="span"
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={`Delete view ${view.name}`}
                  onClick={(event) => {
                    event.stopPropagation()
                    saved.remove(view.name)
                  }}
                >
                  <IconTrash size={12} />
                </ActionIcon>
              }
            >
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Group gap={4} p={4} wrap="nowrap">
            <TextInput
              size="xs"
              aria-label="View name"
              placeholder="Name this view"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              onKeyDown={(e) => e.stopPropagation()}
            />
            <Button
              size="xs"
              disabled={name.trim() === ''}
              onClick={() => {
                saved.save(name.trim(), query)
                setName('')
              }}
            >
              Save
            </Button>
          </Group>
        </Menu.Dropdown>
      </Menu>
    </Group>
  )
}
