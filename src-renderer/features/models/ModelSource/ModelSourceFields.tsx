import { Alert, SegmentedControl, Text, Textarea } from '@mantine/core'
import type { ReactNode } from 'react'

import { useRpcQuery } from '../../../api/hooks'
import { PathInput } from '../../files/PathInput'
import type { ModelSourceKind } from './modelSource'
import type { ModelSource } from './useModelSource'

const LABELS: Record<ModelSourceKind, string> = {
  pool: 'Studio sidecar',
  test: 'Test model',
  local: 'Local model',
  endpoints: 'Endpoints'
}

/**
 * The model choice of a job form: test model, local GGUF with its mmproj, endpoints and, with
 * `pool`, the studio's running sidecar and added endpoints (as the Pairs page's Judge uses).
 */
export function ModelSourceFields(
  props: Readonly<{ value: ModelSource; pool?: boolean; testModelNote: ReactNode }>
) {
  const { value } = props
  const kinds: ModelSourceKind[] = props.pool
    ? ['test', 'local', 'endpoints', 'pool']
    : ['test', 'local', 'endpoints']
  return (
    <>
      <SegmentedControl
        aria-label="Model"
        w="fit-content"
        value={value.source}
        onChange={(source) => value.set({ source: source as ModelSourceKind })}
        data={kinds.map((k) => ({ label: LABELS[k], value: k }))}
      />
      {value.source === 'test' ? (
        <Alert color="yellow" title="Test model">
          {props.testModelNote}
        </Alert>
      ) : null}
      {value.source === 'local' ? (
        <>
          <PathInput
            label="Model (GGUF)"
            value={value.model}
            onChange={(model) => value.set({ model })}
            pick="file"
          />
          <PathInput
            label="Projector (mmproj GGUF)"
            value={value.mmproj}
            onChange={(mmproj) => value.set({ mmproj })}
            pick="file"
          />
        </>
      ) : null}
      {value.source === 'endpoints' ? (
        <Textarea
          label="Endpoints"
          description="OpenAI-compatible base URLs, one per line (llama-server, vLLM)"
          autosize
          minRows={2}
          value={value.endpoints}
          onChange={(event) => value.set({ endpoints: event.currentTarget.value })}
        />
      ) : null}
      {value.source === 'pool' ? <PoolStatus /> : null}
    </>
  )
}

/** What the studio's pool would judge with, or what to do when nothing is ready. */
function PoolStatus() {
  const sidecar = useRpcQuery('sidecar.status', {})
  const endpoints = useRpcQuery('endpoints.list', {})
  if (!endpoints.data) return null
  if (endpoints.data.length === 0)
    return (
      <Alert color="yellow" variant="light" p="xs">
        Nothing is ready: start the sidecar or add an endpoint on the Models page first.
      </Alert>
    )
  const model = sidecar.data?.model
  return (
    <Text size="sm" c="dimmed" aria-label="Studio pool">
      Sends requests to{' '}
      {model
        ? `${model.split(/[\\/]/).pop()}${sidecar.data?.isTestModel ? ' (test model: meaningless verdicts)' : ''}`
        : 'the added endpoints'}{' '}
      · {endpoints.data.length} endpoint{endpoints.data.length === 1 ? '' : 's'}
    </Text>
  )
}
