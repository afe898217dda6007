import { Grid, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'

import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { EvalReport } from '../features/judge/EvalReport'

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`)

export function EvaluationsPage() {
  const list = useRpcQuery('judge.reports', {})
  const [chosen, setChosen] = useState<number | null>(null)
  const id = chosen ?? list.data?.[0]?.id ?? null
  const report = useRpcQuery('judge.report', { id: id ?? 1 }, { enabled: id !== null })
  return (
    <Stack gap="lg">
      <Title order={2}>Evaluations</Title>
      {list.error ? (
        <Text c="red" role="alert">
          {list.error.message}
        </Text>
      ) : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState title="No evaluation reports">
          Measure the judge on the ImageReward or HPD v2 test set with `delta-studio eval-prefs
          test.json --format imagereward --images DIR --project &lt;project&gt;`.
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
