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
  // Past a handful of bars, or with long names, axis labels no longer fit side by side: tilt.
  const crowded = props.data.length > 8 || props.data.reduce((n, d) => n + d.label.length, 0) > 40
  const percent = props.unit === '%'
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
              // Percentages carry their sign in the formatter (ticks, labels, tooltip); `unit`
              // would append a second one to the ticks.
              unit={percent ? undefined : props.unit}
              tickLine="y"
              xAxisProps={
                crowded
                  ? { interval: 0, angle: -35, textAnchor: 'end', height: 48 }
                  : { interval: 0 }
              }
              yAxisProps={{
                allowDecimals: !props.counts,
                ...(percent ? { domain: [0, 100] } : {})
              }}
              withLegend={props.series.length > 1}
              // A rate of 0% is a finding, not a gap: it gets its label and a sliver to click.
              withBarValueLabel={percent}
              valueFormatter={percent ? (value) => `${value}%` : undefined}
              minBarSize={percent ? 3 : undefined}
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
