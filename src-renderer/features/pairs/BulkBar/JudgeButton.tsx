import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core'
import { IconScale } from '@tabler/icons-react'
import { useState } from 'react'

import type { PairTarget } from '../../../../src-shared/contract/pairs'
import { api } from '../../../api/client'
import { useRpcQuery } from '../../../api/hooks'

const plural = (n: number) => `${n.toLocaleString()} pair${n === 1 ? '' : 's'}`

/**
 * Starts a `judge` job on the selection or the filtered set, sent to the studio's endpoint pool
 * (the running sidecar and the added endpoints). Each pair is asked in both orders.
 */
export function JudgeButton(
  props: Readonly<{ target: PairTarget; count: number; disabled: boolean }>
) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [started, setStarted] = useState<string | null>(null)
  const [topLogprobs, setTopLogprobs] = useState(20)
  const sidecar = useRpcQuery('sidecar.status', {}, { enabled: open })
  const endpoints = useRpcQuery('endpoints.list', {}, { enabled: open })
  const ready = (endpoints.data?.length ?? 0) > 0

  const start = async () => {
    setBusy(true)
    setError(null)
    try {
      const params =
        'ids' in props.target
          ? { pool: true, topLogprobs, pairIds: props.target.ids }
          : { pool: true, topLogprobs, filter: props.target.filter }
      const { jobId } = await api().call('jobs.start', { kind: 'judge', params })
      setStarted(jobId)
      setOpen(false)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconScale size={14} />}
        disabled={props.disabled}
        onClick={() => setOpen(true)}
      >
        Judge…
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Judge pairs" centered>
        <Stack>
          <Text size="sm">
            Ask the judge about {plural(props.count)}: each pair in both orders (chosen first, then
            rejected first), reading the probability of the verdict token. Pairs this model already
            judged are skipped.
          </Text>
          <Text size="sm" c="dimmed">
            Judge:{' '}
            {sidecar.data?.model
              ? `${sidecar.data.model}${sidecar.data.isTestModel ? ' (test model: meaningless verdicts)' : ''}`
              : ready
                ? 'the added endpoints'
                : 'none ready'}
          </Text>
          <NumberInput
            label="Top logprobs"
            description="Alternatives read for the verdict token; A and B must be among them"
            min={1}
            max={1000}
            value={topLogprobs}
            onChange={(v) => setTopLogprobs(typeof v === 'number' ? v : 20)}
            w={260}
          />
          {!ready && endpoints.data ? (
            <Alert color="yellow" variant="light" p="xs">
              Start the sidecar or add an endpoint on the Models page first.
            </Alert>
          ) : null}
          {error ? (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button loading={busy} disabled={!ready} onClick={() => void start()}>
              Start judging
            </Button>
          </Group>
        </Stack>
      </Modal>
      {started ? (
        <Text size="xs" c="dimmed" role="status">
          Judge job {started} started (Jobs)
        </Text>
      ) : null}
    </>
  )
}
