import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Progress,
  RangeSlider,
  Stack,
  Text
} from '@mantine/core'
import { useState } from 'react'

import { COMPOSE_LAYOUTS, MAX_COMPOSED_IMAGES } from '../../../src-shared/contract/compose'
import type { ComposeLayout, ComposeParamsInput } from '../../../src-shared/contract/compose'
import type { Tier } from '../../../src-shared/domain/pair-filter'
import { TIER_DESCRIPTIONS } from '../../components/TierBadge/TierBadge'
import { useComposeJob } from './useComposeJob'

export const LAYOUT_LABELS: Record<ComposeLayout, string> = {
  sequence: 'Sequence (Image1: … Image5:)',
  grid: 'Grid collage (2–9 numbered cells)',
  pip: 'Picture-in-picture (tier 1 only)'
}

/** The compose job's parameters, started through `jobs.start`, with its live progress. */
export function ComposeForm() {
  const [tiers, setTiers] = useState<string[]>(['1', '2', '3'])
  const [layouts, setLayouts] = useState<string[]>([...COMPOSE_LAYOUTS])
  const [images, setImages] = useState<[number, number]>([2, 5])
  const [count, setCount] = useState<number | string>(12)
  const [seed, setSeed] = useState<number | string>(1)
  const { job, errors, start, starting, error } = useComposeJob()
  const running = job?.status === 'queued' || job?.status === 'running'

  const submit = () => {
    const params: ComposeParamsInput = {
      tiers: tiers.map(Number) as Tier[],
      layouts: layouts as ComposeLayout[],
      minImages: images[0],
      maxImages: images[1],
      count: Number(count) || 1,
      seed: Number(seed) || 0
    }
    void start(params)
  }

  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label="Compose"
      onSubmit={(e) => (e.preventDefault(), submit())}
    >
      <Stack gap="md">
        <Group align="flex-start" grow>
          <Checkbox.Group label="Tiers" value={tiers} onChange={setTiers}>
            <Stack gap={4} mt={4}>
              {(['1', '2', '3'] as const).map((t) => (
                <Checkbox
                  key={t}
                  value={t}
                  label={`Tier ${t}: ${TIER_DESCRIPTIONS[Number(t) as Tier]}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Checkbox.Group label="Layouts" value={layouts} onChange={setLayouts}>
            <Stack gap={4} mt={4}>
              {COMPOSE_LAYOUTS.map((l) => (
                <Checkbox key={l} value={l} label={LAYOUT_LABELS[l]} />
              ))}
            </Stack>
          </Checkbox.Group>
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Images per sample: {images[0]}–{images[1]}
          </Text>
          <RangeSlider
            aria-label="Images per sample"
            min={2}
            max={MAX_COMPOSED_IMAGES}
            minRange={0}
            value={images}
            onChange={setImages}
            marks={[2, 3, 4, 5, 6, 7, 8, 9].map((value) => ({ value, label: String(value) }))}
          />
        </Stack>
        <Group grow mt="md">
          <NumberInput
            label="Samples per tier"
            min={1}
            max={100000}
            value={count}
            onChange={setCount}
          />
          <NumberInput
            label="Seed"
            min={0}
            value={seed}
            onChange={setSeed}
            description="Same seed, same samples and images"
          />
        </Group>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Draws from the project&apos;s single-image samples; tiers 2 and 3 need labels (the demo
            has them).
          </Text>
          <Button
            type="submit"
            loading={starting}
            disabled={running || tiers.length === 0 || layouts.length === 0}
          >
            Compose
          </Button>
        </Group>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        {job ? (
          <Stack gap={4} aria-label="Compose progress">
            <Group justify="space-between">
              <Text size="sm">
                {job.id}: {job.status} · {job.done}/{job.total} {job.unit}
              </Text>
              {job.error ? (
                <Text size="sm" c="red">
                  {job.error}
                </Text>
              ) : null}
            </Group>
            <Progress
              value={job.total ? (100 * job.done) / job.total : running ? 5 : 100}
              animated={running}
            />
            {errors.length ? (
              <Stack gap={2} aria-label="Skipped">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  Skipped ({errors.length})
                </Text>
                {errors.slice(0, 8).map((e) => (
                  <Text size="xs" key={e.id}>
                    {e.item}: {e.reason}
                  </Text>
                ))}
              </Stack>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  )
}
