import { Code, Grid, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'

import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { JobProgressCard } from '../features/jobs/JobProgressCard/JobProgressCard'
import { EvalForm } from '../features/judge/EvalForm'
import { EvalReport } from '../features/judge/EvalReport'

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`)

/** Measures the judge on a human-preference test set (the `eval-prefs` job) and shows reports. */
export function EvaluationsPage() {
  const queryClient = useQueryClient()
  const project = useRpcQuery('project.current', {})
  const list = useRpcQuery('judge.reports', {}, { enabled: !!project.data })
  const [chosen, setChosen] = useState<number | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const id = chosen ?? list.data?.[0]?.id ?? null
  const report = useRpcQuery('judge.report', { id: id ?? 1 }, { enabled: id !== null })
  if (project.isSuccess && !project.data)
    return (
      <Stack gap="lg">
        <Title order={2}>Evaluations</Title>
        <EmptyState title="No project open">Open or create a project first.</EmptyState>
      </Stack>
    )
  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={2}>Evaluations</Title>
        <Text size="sm" c="dimmed">
          Accuracy of the judge on the ImageReward or HPD v2 test set, with bootstrap intervals,
          baselines from the same run, and the published figures beside it.
        </Text>
      </Stack>
      <EvalForm onStarted={setJobId} />
      {jobId ? (
        <JobProgressCard
          key={jobId}
          jobId={jobId}
          label="Evaluation"
          onFinished={(job) => {
            // The job's result names its report: show it (the list also refreshes).
            const reportId = job.stats?.reportId
            setChosen(typeof reportId === 'number' ? reportId : null)
            void queryClient.invalidateQueries({ queryKey: ['judge.reports'] })
          }}
        />
      ) : null}
      {list.error ? (
        <Text c="red" role="alert">
          {list.error.message}
        </Text>
      ) : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState title="No evaluation reports">
          Choose a test set and its images folder above and start an evaluation. The same job runs
          from the command line as{' '}
          <Code>
            delta-studio eval-prefs test.json --format imagereward --images DIR --project
            &lt;project&gt;
          </Code>
          .
        </EmptyState>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <Grid>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <ScrollArea.Autosize mah="75vh" aria-label="Evaluation reports">
              {list.data.map((r) => (
                <NavLink
                  key={r.id}
                  label={`${r.format === 'imagereward' ? 'ImageReward' : 'HPD v2'} · ${pct(r.accuracy)}`}
                  description={`${r.model} · ${new Date(r.createdAt).toLocaleString()}`}
                  active={r.id === id}
                  onClick={() => setChosen(r.id)}
                />
              ))}
            </ScrollArea.Autosize>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            {report.data ? <EvalReport report={report.data.report} /> : null}
          </Grid.Col>
        </Grid>
      ) : null}
    </Stack>
  )
}
