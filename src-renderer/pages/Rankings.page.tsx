import { Grid, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'

import { api } from '../api/client'
import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { RankingView } from '../features/judge/RankingView'

export function RankingsPage() {
  const list = useRpcQuery('judge.rankings', {})
  const [chosen, setChosen] = useState<number | null>(null)
  const id = chosen ?? list.data?.[0]?.id ?? null
  const ranking = useRpcQuery('judge.ranking', { id: id ?? 1 }, { enabled: id !== null })
  return (
    <Stack gap="lg">
      <Title order={2}>Rankings</Title>
      {list.error ? (
        <Text c="red" role="alert">
          {list.error.message}
        </Text>
      ) : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState title="No rankings">
          Rank the images of each prompt with `delta-studio rank &lt;project&gt; --prompt-set FILE`:
          pairwise soft verdicts in both orders, aggregated with Bradley–Terry.
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
