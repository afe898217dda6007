import { Code, Grid, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'

import { api } from '../api/client'
import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { JobProgressCard } from '../features/jobs/JobProgressCard/JobProgressCard'
import { RankForm } from '../features/judge/RankForm'
import { RankingView } from '../features/judge/RankingView'

/** Ranks the images of each prompt of a prompt set (the `rank` job) and shows the rankings. */
export function RankingsPage() {
  const queryClient = useQueryClient()
  const project = useRpcQuery('project.current', {})
  const list = useRpcQuery('judge.rankings', {}, { enabled: !!project.data })
  const [chosen, setChosen] = useState<number | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const id = chosen ?? list.data?.[0]?.id ?? null
  const ranking = useRpcQuery('judge.ranking', { id: id ?? 1 }, { enabled: id !== null })
  if (project.isSuccess && !project.data)
    return (
      <Stack gap="lg">
        <Title order={2}>Rankings</Title>
        <EmptyState title="No project open">Open or create a project first.</EmptyState>
      </Stack>
    )
  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={2}>Rankings</Title>
        <Text size="sm" c="dimmed">
          Ranks the images of each prompt: pairwise soft verdicts in both orders, aggregated with
          Bradley–Terry, and keeps the preference pairs the ranking yields.
        </Text>
      </Stack>
      <RankForm onStarted={setJobId} />
      {jobId ? (
        <JobProgressCard
          key={jobId}
          jobId={jobId}
          label="Rank"
          onFinished={() => {
            // The newest ranking heads the list; show it rather than the one chosen before.
            setChosen(null)
            void queryClient.invalidateQueries({ queryKey: ['judge.rankings'] })
          }}
        />
      ) : null}
      {list.error ? (
        <Text c="red" role="alert">
          {list.error.message}
        </Text>
      ) : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState title="No rankings">
          Choose a prompt-set file above and start a ranking. The same job runs from the command
          line as <Code>delta-studio rank &lt;project&gt; --prompt-set FILE</Code>.
        </EmptyState>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <Grid>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <ScrollArea.Autosize mah="75vh" aria-label="Ranked prompts">
              {list.data.map((r) => (
                <NavLink
                  key={r.id}
                  label={r.prompt}
                  description={`${r.images} images · ${r.model}`}
                  active={r.id === id}
                  onClick={() => setChosen(r.id)}
                />
              ))}
            </ScrollArea.Autosize>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            {ranking.data ? (
              <RankingView
                ranking={ranking.data}
                imageUrl={(sha256) => api().mediaUrl({ sha256 })}
              />
            ) : null}
          </Grid.Col>
        </Grid>
      ) : null}
    </Stack>
  )
}
