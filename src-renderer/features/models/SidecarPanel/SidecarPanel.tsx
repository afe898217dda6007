import {
  Badge,
  Button,
  Card,
  Code,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'

import type { SidecarStatusDto } from '../../../../src-shared/contract/inference'
import { useEvent, useRpcMutation, useRpcQuery } from '../../../api/hooks'

const STATE_COLORS: Record<SidecarStatusDto['state'], string> = {
  stopped: 'gray',
  starting: 'yellow',
  loading: 'yellow',
  ready: 'teal',
  crashed: 'orange',
  failed: 'red'
}

/** The local llama-server: live state, model (test models flagged), start/stop, last log lines. */
export function SidecarPanel() {
  const queryClient = useQueryClient()
  const status = useRpcQuery('sidecar.status', {})
  const logs = useRpcQuery('sidecar.logs', { limit: 40 })
  // Looked up again every few seconds, so a build that finished after start-up shows.
  const binary = useRpcQuery('models.binary', {}, { refetchInterval: 5_000, staleTime: 0 })
  const start = useRpcMutation('sidecar.start', [
    'sidecar.status',
    'sidecar.logs',
    'endpoints.list'
  ])
  const stop = useRpcMutation('sidecar.stop', ['sidecar.status', 'sidecar.logs', 'endpoints.list'])
  const [model, setModel] = useState('')
  const [mmproj, setMmproj] = useState('')
  // Start from the model chosen in the app settings.
  const saved = useRpcQuery('settings.get', {}).data?.settings
  useEffect(() => {
    if (saved?.model) setModel(saved.model)
    if (saved?.mmproj) setMmproj(saved.mmproj)
  }, [saved])
  const [slots, setSlots] = useState(4)
  const onStatus = useCallback(
    (next: SidecarStatusDto) => {
      queryClient.setQueryData(['sidecar.status', {}], next)
      void queryClient.invalidateQueries({ queryKey: ['sidecar.logs'] })
    },
    [queryClient]
  )
  useEvent('sidecar.status', onStatus)
  const s = status.data
  const error = start.error ?? stop.error
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Local sidecar (llama-server)</Title>
          {s ? (
            <Badge color={STATE_COLORS[s.state]} variant="light" aria-label={`Sidecar ${s.state}`}>
              {s.state}
            </Badge>
          ) : null}
        </Group>
        {s ? (
          <Table variant="vertical" aria-label="Sidecar details" fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140}>Model</Table.Th>
                <Table.Td>
                  <Group gap="xs">
                    <Code>{s.model ?? 'none'}</Code>
                    {s.isTestModel ? (
                      <Badge color="orange" variant="light">
                        Test model: random weights, meaningless answers
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Projector</Table.Th>
                <Table.Td>
                  <Code>{s.mmproj ?? 'none'}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Slots · context</Table.Th>
                <Table.Td>
                  {s.slots ?? '—'} slots · {s.ctxPerSlot ?? '—'} tokens each
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Binary · backend</Table.Th>
                <Table.Td>
                  <Code aria-label="Sidecar binary">
                    {s.binary ?? binary.data?.path ?? binary.data?.problem ?? 'looking…'}
                  </Code>{' '}
                  · {s.backend ?? binary.data?.backend ?? '—'}
                  {!s.binary && binary.data?.source ? ` (${binary.data.source})` : ''}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Restarts</Table.Th>
                <Table.Td>
                  {s.restarts}
                  {s.lastError ? ` · last error: ${s.lastError}` : ''}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        ) : null}
        <Group align="end" grow>
          <TextInput
            label="Model GGUF"
            placeholder="/models/model.gguf"
            value={model}
            onChange={(e) => setModel(e.currentTarget.value)}
          />
          <TextInput
            label="Projector (mmproj) GGUF"
            placeholder="/models/mmproj.gguf"
            value={mmproj}
            onChange={(e) => setMmproj(e.currentTarget.value)}
          />
          <NumberInput
            label="Slots (-np)"
            min={1}
            max={64}
            value={slots}
            onChange={(v) => setSlots(Number(v) || 1)}
          />
        </Group>
        <Group>
          <Button
            disabled={!model.trim()}
            loading={start.isPending}
            onClick={() =>
              start.mutate({ model: model.trim(), mmproj: mmproj.trim() || undefined, slots })
            }
          >
            Start sidecar
          </Button>
          <Button
            variant="default"
            loading={stop.isPending}
            disabled={!s || s.state === 'stopped'}
            onClick={() => stop.mutate({})}
          >
            Stop sidecar
          </Button>
        </Group>
        {error ? (
          <Text c="red" size="sm" role="alert">
            {error.message}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          Last log lines
        </Text>
        <Code block mah={220} style={{ overflow: 'auto' }} aria-label="Sidecar log">
          {logs.data?.lines.length ? logs.data.lines.join('\n') : 'No output yet.'}
        </Code>
      </Stack>
    </Card>
  )
}
