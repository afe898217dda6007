import { SimpleGrid } from '@mantine/core'

import type { ProjectStatsDto } from '../../../src-shared/contract/stats'
import { ChartCard } from './ChartCard'
import {
  accuracyBars,
  flipRateByLevelBars,
  flipRateByRecipeBars,
  judgeBars,
  layoutBars,
  lengthDeltaBars,
  tierBars,
  tierRateBars
} from './overviewData'

const share = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`)
const NO_PAIRS = 'No pairs yet: generate answers to make pairs.'

/** The Overview's charts; each bar links to the Pairs page filtered to the pairs behind it. */
export function OverviewCharts(props: Readonly<{ stats: ProjectStatsDto }>) {
  const s = props.stats
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <ChartCard
        title="Length delta (tokens)"
        description={`Rejected − chosen. Rejected is longer in ${share(s.length_delta.share_rejected_longer)} of pairs (compensatory verbosity check).`}
        data={lengthDeltaBars(s, 'tokens')}
        series={[{ name: 'pairs', color: 'indigo.6' }]}
        counts
        empty={NO_PAIRS}
      />
      <ChartCard
        title="Length delta (characters)"
        description={`Rejected − chosen. Rejected is longer in ${share(s.length_delta.share_rejected_longer_chars)} of pairs.`}
        data={lengthDeltaBars(s, 'chars')}
        series={[{ name: 'pairs', color: 'violet.6' }]}
        counts
        empty={NO_PAIRS}
      />
      <ChartCard
        title="Flip rate by recipe"
        description="Share of samples whose answer changed between HQ and this degraded variant."
        data={flipRateByRecipeBars(s)}
        series={[{ name: 'flip rate %', color: 'teal.6' }]}
        unit="%"
        empty="No degraded answers yet."
      />
      <ChartCard
        title="Flip rate by degradation level"
        description="Single-step recipes by type and strength (factor, sigma, quality, block)."
        data={flipRateByLevelBars(s)}
        series={[{ name: 'flip rate %', color: 'cyan.6' }]}
        unit="%"
        empty="No single-step recipes answered yet."
      />
      <ChartCard
        title="Accuracy by variant"
        description="Answers matching the ground truth, HQ against each LQ variant."
        data={accuracyBars(s)}
        series={[{ name: 'accuracy %', color: 'yellow.6' }]}
        unit="%"
        empty="No answers to samples with ground truth yet."
      />
      <ChartCard
        title="Tiers"
        description="Samples and pairs per difficulty tier."
        data={tierBars(s)}
        series={[
          { name: 'samples', color: 'gray.6' },
          { name: 'pairs', color: 'indigo.6' }
        ]}
        counts
        empty="No samples yet."
      />
      <ChartCard
        title="Flip rate and accuracy by tier"
        description="Flip rate: harder prompts whose answer changed (LQ against HQ; a composed prompt against its guided form). Accuracy: answers to each sample's own prompt matching the ground truth."
        data={tierRateBars(s)}
        series={[
          { name: 'flip rate %', color: 'teal.6' },
          { name: 'accuracy %', color: 'yellow.6' }
        ]}
        unit="%"
        empty="No answers compared or graded yet."
      />
      {layoutBars(s).length > 0 ? (
        <ChartCard
          title="Composed layouts"
          description="Composed (S2H) samples and their pairs per layout."
          data={layoutBars(s)}
          series={[
            { name: 'samples', color: 'gray.6' },
            { name: 'pairs', color: 'indigo.6' }
          ]}
          counts
          empty="No composed samples yet."
        />
      ) : null}
      <ChartCard
        title="Judge scores"
        description="P(chosen beats rejected) from the judge."
        data={judgeBars(s)}
        series={[{ name: 'pairs', color: 'orange.6' }]}
        counts
        empty="No judge scores yet."
      />
    </SimpleGrid>
  )
}
