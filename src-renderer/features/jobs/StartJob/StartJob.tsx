import { Button, Group, Stack, Text } from '@mantine/core'

import type { InputOf } from '../../../../src-shared/contract'
import { api } from '../../../api/client'
import { useBusyAction } from '../../../api/useBusyAction'

/**
 * Starts a job through the typed `jobs.start` and keeps what a form shows about it: whether the
 * call is in flight and the core's refusal, word for word.
 */
export function useStartJob(onStarted: (jobId: string) => void) {
  const { run, busy, error } = useBusyAction()
  const start = (request: InputOf<'jobs.start'> | null) =>
    request
      ? run(async () => onStarted((await api().call('jobs.start', request)).jobId))
      : undefined
  return { start, busy, error }
}

/**
 * A job form's start button, with what keeps it from starting (`problem`, from the form's own
 * checks, so a job that would fail is not started) and why the core refused a start (`error`).
 */
export function StartJobBar(
  props: Readonly<{
    label: string
    onStart: () => void
    busy: boolean
    problem: string | null
    error: string | null
  }>
) {
  return (
    <Stack gap="xs">
      <Group>
        <Button onClick={props.onStart} loading={props.busy} disabled={props.problem !== null}>
          {props.label}
        </Button>
        {props.problem ? (
          <Text size="sm" c="dimmed" role="status">
            To start: {props.problem}
          </Text>
        ) : null}
      </Group>
      {props.error ? (
        <Text size="sm" c="red" role="alert">
          {props.error}
        </Text>
      ) : null}
    </Stack>
  )
}
