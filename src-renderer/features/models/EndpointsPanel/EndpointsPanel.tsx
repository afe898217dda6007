import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { useState } from 'react'

import { useRpcMutation, useRpcQuery } from '../../../api/hooks'

/** The endpoint pool: local sidecar plus remote OpenAI-compatible servers; add and remove. */
export function EndpointsPanel() {
  const endpoints = useRpcQuery('endpoints.list', {}, { refetchInterval: 5000 })
  const add = useRpcMutation('endpoints.add', ['endpoints.list'])
  const remove = useRpcMutation('endpoints.remove', ['endpoints.list'])
  const [url, setUrl] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [capacity, setCapacity] = useState(8)
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>Endpoints</Title>
        <Text size="sm" c="dimmed">
          Work goes to the endpoint with free capacity; a failing endpoint is set aside and tried
          again later.
        </Text>
        {endpoints.data && endpoints.data.length > 0 ? (
          <Table aria-label="Endpoints" withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Endpoint</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>In flight / capacity</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {endpoints.data.map((endpoint) => (
                <Table.Tr key={endpoint.id}>
                  <Table.Td>
                    <Text size="sm">{endpoint.label}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {endpoint.url}
                    </Text>
                  </Table.Td>
                  <Table.Td>{endpoint.kind}</Table.Td>
                  <Table.Td>
                    {endpoint.inFlight} / {endpoint.capacity}
                  </Table.Td>
                  <Table.Td>
                    {endpoint.setAsideUntil ? (
                      <Badge color="orange" variant="light" title={endpoint.lastError ?? ''}>
                        set aside
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="light">
                        usable
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {endpoint.kind === 'remote' ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${endpoint.label}`}
                        onClick={() => remove.mutate({ id: endpoint.id })}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">No endpoint: start the local sidecar or add a remote endpoint.</Text>
        )}
        <Group align="end" grow>
          <TextInput
            label="Endpoint URL"
            placeholder="http://gpu-box:8080"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <PasswordInput
            label="API key"
            value={apiKey}
            onChange={(e) => setApiKey(e.currentTarget.value)}
          />
          <NumberInput
            label="Capacity"
            min={1}
            max={1024}
            value={capacity}
            onChange={(v) => setCapacity(Number(v) || 1)}
          />
        </Group>
        <Group>
          <Button
            disabled={!url.trim()}
            loading={add.isPending}
            onClick={() =>
              add.mutate(
                { url: url.trim(), apiKey: apiKey || undefined, capacity },
                { onSuccess: () => setUrl('') }
              )
            }
          >
            Add endpoint
          </Button>
        </Group>
        {add.error ? (
          <Text c="red" size="sm" role="alert">
            {add.error.message}
          </Text>
        ) : null}
      </Stack>
    </Card>
  )
}
