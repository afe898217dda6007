import { Group, SegmentedControl, SimpleGrid, Slider, Stack, Text } from '@mantine/core'

import type { ImageDto } from '../../../src-shared/contract/pairs'
import { api } from '../../api/client'
import { ImagePane } from './ImagePane'
import { ZoomControls } from './ZoomControls'
import type { CompareMode, SyncedView } from './useSyncedView'

type Props = Readonly<{
  hq: readonly ImageDto[]
  lq: readonly ImageDto[]
  synced: SyncedView
  /** Total height available to the panes. */
  height?: number
}>

/** HQ/LQ images of one pair: side by side or split, all panes under one zoom and pan. */
export function ImageCompare(props: Props) {
  const { synced } = props
  const rows = props.hq.map((hq) => ({
    hq,
    lq: props.lq.find((l) => l.position === hq.position) ?? null
  }))
  const hasLq = rows.some((r) => r.lq !== null)
  const mode: CompareMode = hasLq ? synced.mode : 'side'
  const total = props.height ?? 340
  const paneHeight = Math.max(140, Math.floor(total / Math.max(1, rows.length)) - 8)
  const multi = rows.length > 1

  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          aria-label="Compare mode"
          value={mode}
          disabled={!hasLq}
          onChange={(value) => synced.setMode(value as CompareMode)}
          data={[
            { value: 'side', label: 'Side by side' },
            { value: 'split', label: 'Split' }
          ]}
        />
        <ZoomControls synced={synced} />
      </Group>
      {rows.map(({ hq, lq }, index) => {
        const imageSize = { width: hq.width, height: hq.height }
        const suffix = multi ? ` · Image ${hq.position + 1}` : ''
        const hqLayer = { src: api().mediaUrl({ sha256: hq.sha256 }), alt: `HQ${suffix}` }
        const lqLayer = lq
          ? { src: api().mediaUrl({ sha256: lq.sha256 }), alt: `LQ${suffix}` }
          : null
        const common = {
          imageSize,
          view: synced.view,
          onViewChange: synced.setView,
          onMeasure: index === 0 ? synced.measure : undefined,
          height: paneHeight
        }
        if (mode === 'split' && lqLayer) {
          return (
            <ImagePane
              key={hq.sha256 + index}
              {...common}
              layers={[lqLayer, { ...hqLayer, clipAt: synced.split }]}
              label={`HQ${suffix}`}
              rightLabel={`LQ · ${lq?.recipeKey ?? ''}`}
              divider={synced.split}
            />
          )
        }
        return (
          <SimpleGrid key={hq.sha256 + index} cols={hasLq ? 2 : 1} spacing="xs">
            <ImagePane {...common} layers={[hqLayer]} label={`HQ${suffix}`} />
            {hasLq ? (
              lqLayer ? (
                <ImagePane
                  {...common}
                  onMeasure={undefined}
                  layers={[lqLayer]}
                  label={`LQ${suffix}`}
                  rightLabel={lq?.recipeKey ?? undefined}
                />
              ) : (
                <Stack justify="center" align="center" h={paneHeight}>
                  <Text size="sm" c="dimmed">
                    No LQ variant of this image
                  </Text>
                </Stack>
              )
            ) : null}
          </SimpleGrid>
        )
      })}
      {mode === 'split' ? (
        <Slider
          thumbLabel="Split position"
          value={synced.split}
          onChange={synced.setSplit}
          min={0}
          max={100}
          label={(v) => `${v}% HQ`}
          size="sm"
        />
      ) : null}
    </Stack>
  )
}
