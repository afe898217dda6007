import { BarChart } from '@mantine/charts'
import type { BarChartSeries } from '@mantine/charts'
import { Card, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useNavigate } from 'react-router-dom'

import type { ChartDatum } from './overviewData'
import { pairsPath } from './overviewData'

/**
 * One Overview chart. A bar with a filter opens the Pairs page showing exactly the pairs behind
 * it; the chart says so under its title.
 */
export function ChartCard(
  props: Readonly<{
    title: string
    description?: ReactNode
    data: ChartDatum[]
    series: BarChartSeries[]
    unit?: string
    /** Counts: whole-number ticks only. */
    counts?: boolean
    empty: string
  }>
) {
  const navigate = useNavigate()
  const linked = props.data.some((d) => d.filter)
  return (
    <Card withBorder aria-label={props.title} role="region">
      <Stack gap={6}>
        <Title order={4}>{props.title}</Title>
        {props.description ? (
          <Text size="sm" c="dimmed">
            {props.description}
          </Text>
        ) : null}
        {props.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {props.empty}
          </Text>
        ) : (
          <>
            <BarChart
              h={200}
              data={props.data}
              dataKey="label"
              series={props.series}
              unit={props.unit}
              tickLine="y"
              xAxisProps={{ interval: 0 }}
              yAxisProps={{ allowDecimals: !props.counts }}
              withLegend={props.series.length > 1}
              barProps={{
                cursor: linked ? 'pointer' : undefined,
                onClick: (entry: { payload?: ChartDatum }) => {
                  const filter = entry.payload?.filter
                  if (filter) void navigate(pairsPath(filter))
                }
              }}
            />
            {linked ? (
              <Text size="xs" c="dimmed">
                Click a bar to see its pairs.
              </Text>
            ) : null}
          </>
        )}
      </Stack>
    </Card>
  )
}
