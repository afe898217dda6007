import { Card, Group, SimpleGrid, Text } from '@mantine/core'
import { Link } from 'react-router-dom'

import type { ProjectStatsDto } from '../../../src-shared/contract/stats'
import { pairsPath } from './overviewData'

function Stat(props: Readonly<{ label: string; value: number; to?: string }>) {
  const value = (
    <Text fz={26} fw={700} lh={1.1}>
      {props.value.toLocaleString()}
    </Text>
  )
  return (
    <Card withBorder padding="sm" aria-label={`${props.label}: ${props.value}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      {props.to ? (
        <Link to={props.to} style={{ color: 'inherit', textDecoration: 'none' }}>
          {value}
        </Link>
      ) : (
        value
      )}
    </Card>
  )
}

/** The project's counts; pair counts by status open the Pairs page filtered to that status. */
export function StatCards(props: Readonly<{ stats: ProjectStatsDto }>) {
  const s = props.stats
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Stat label="Samples" value={s.samples} />
        <Stat label="Images" value={s.images} />
        <Stat label="Responses" value={s.responses} />
        <Stat label="Runs" value={s.runs} />
        <Stat label="Pairs" value={s.pairs} to="/pairs" />
      </SimpleGrid>
      <Group gap="sm" grow>
        <Stat
          label="Pending"
          value={s.by_status.pending}
          to={pairsPath({ statuses: ['pending'] })}
        />
        <Stat
          label="Accepted"
          value={s.by_status.accepted}
          to={pairsPath({ statuses: ['accepted'] })}
        />
        <Stat
          label="Rejected"
          value={s.by_status.rejected}
          to={pairsPath({ statuses: ['rejected'] })}
        />
      </Group>
    </>
  )
}
