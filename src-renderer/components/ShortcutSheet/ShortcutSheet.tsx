import { Group, Kbd, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'

import { keyParts } from './shortcuts'
import type { Shortcut } from './shortcuts'

/** The `?` cheat sheet: every shortcut of the page, grouped, generated from the bindings. */
export function ShortcutSheet(
  props: Readonly<{ opened: boolean; onClose(): void; shortcuts: readonly Shortcut[] }>
) {
  const groups = [...new Set(props.shortcuts.map((s) => s.group))]
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Keyboard shortcuts" size="xl">
      <SimpleGrid cols={2} spacing="lg">
        {groups.map((group) => (
          <Stack key={group} gap={4}>
            <Title order={5}>{group}</Title>
            <Table verticalSpacing={4} aria-label={`${group} shortcuts`}>
              <Table.Tbody>
                {props.shortcuts
                  .filter((s) => s.group === group)
                  .map((s) => (
                    <Table.Tr key={s.label}>
                      <Table.Td>
                        <Text size="sm">{s.label}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} justify="flex-end" wrap="nowrap">
                          {s.keys.map((key, i) => (
                            <Group key={key} gap={2} wrap="nowrap">
                              {i > 0 ? (
                                <Text size="xs" c="dimmed" mr={4}>
                                  or
                                </Text>
                              ) : null}
                              {keyParts(key).map((part) => (
                                <Kbd key={part} size="xs">
                                  {part}
                                </Kbd>
                              ))}
                            </Group>
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </SimpleGrid>
    </Modal>
  )
}
