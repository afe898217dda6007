import {
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput
} from '@mantine/core'
import { useState } from 'react'

import { EXPORT_FORMATS } from '../../../../src-shared/contract/exports'
import { api } from '../../../api/client'
import { defaultExportFolder, useExportOptions } from '../useExportOptions'

const FORMAT_LABELS: Record<(typeof EXPORT_FORMATS)[number], string> = {
  trl: 'TRL DPO (JSONL + images)',
  'trl-parquet': 'TRL DPO (Parquet, embedded images)',
  llamafactory: 'LLaMA-Factory (sharegpt, ranking)',
  'rlaif-v': 'RLAIF-V columns'
}

/** Export options, a preview of the first rows, and the start of an export job. */
export function ExportForm(props: Readonly<{ projectDir: string }>) {
  const { state, set, options } = useExportOptions()
  const [out, setOut] = useState('')
  const [preview, setPreview] = useState<{ matched: number; rows: unknown[] } | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const folder = out.trim() || defaultExportFolder(props.projectDir, state, new Date())

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true)
    setMessage(null)
    try {
      await action()
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) })
    } finally {
      setBusy(false)
    }
  }
  const showPreview = () =>
    run(async () => setPreview(await api().call('exports.preview', { options, limit: 2 })))
  const start = () =>
    run(async () => {
      const { jobId } = await api().call('exports.start', { out: folder, options })
      setMessage({ ok: true, text: `Export job ${jobId} started; it writes ${folder}` })
    })

  return (
    <Stack gap="sm" maw={760}>
      <Select
        label="Format"
        data={EXPORT_FORMATS.map((value) => ({ value, label: FORMAT_LABELS[value] }))}
        value={state.format}
        allowDeselect={false}
        onChange={(value) => value && set('format', value as typeof state.format)}
      />
      <Group grow align="end">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Pairs
          </Text>
          <SegmentedControl
            aria-label="Pairs to export"
            value={state.status}
            onChange={(value) => set('status', value as typeof state.status)}
            data={[
              { label: 'Accepted only', value: 'accepted' },
              { label: 'All statuses', value: 'all' }
            ]}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Order
          </Text>
          <SegmentedControl
            aria-label="Order"
            value={state.order}
            onChange={(value) => set('order', value as typeof state.order)}
            data={[
              { label: 'Mixed', value: 'mixed' },
              { label: 'Curriculum (tier 1→3)', value: 'curriculum' }
            ]}
          />
        </Stack>
      </Group>
      <Checkbox.Group
        label="Tiers"
        value={state.tiers.map(String)}
        onChange={(values) => set('tiers', values.map(Number) as Array<1 | 2 | 3>)}
      >
        <Group mt={4}>
          <Checkbox value="1" label="Tier 1" />
          <Checkbox value="2" label="Tier 2" />
          <Checkbox value="3" label="Tier 3" />
        </Group>
      </Checkbox.Group>
      <Group grow>
        <NumberInput
          label="Train share"
          description="Pairs of one source image stay in one split"
          min={0.05}
          max={1}
          step={0.05}
          decimalScale={2}
          value={state.split}
          onChange={(value) => set('split', Number(value) || 1)}
        />
        <NumberInput
          label="Split seed"
          min={0}
          value={state.seed}
          onChange={(value) => set('seed', Number(value) || 0)}
        />
        <TextInput
          label="Dataset name"
          value={state.name}
          onChange={(event) => set('name', event.currentTarget.value)}
        />
      </Group>
      <Group>
        <Switch
          label="Drop duplicates"
          checked={state.dedupe}
          onChange={(event) => set('dedupe', event.currentTarget.checked)}
        />
        <Switch
          label="Prompt image: degraded (LQ)"
          checked={state.promptImage === 'lq'}
          onChange={(event) => set('promptImage', event.currentTarget.checked ? 'lq' : 'hq')}
        />
        <Switch
          label="Re-encode images"
          checked={state.reencode}
          onChange={(event) => set('reencode', event.currentTarget.checked)}
        />
        {state.reencode ? (
          <NumberInput
            aria-label="Max side (px)"
            w={140}
            min={16}
            max={16384}
            value={state.maxSide}
            onChange={(value) => set('maxSide', Number(value) || 1024)}
            suffix=" px"
          />
        ) : null}
      </Group>
      <TextInput
        label="Output folder"
        description="Created by the export; it appears only once complete and self-checked"
        placeholder={folder}
        value={out}
        onChange={(event) => setOut(event.currentTarget.value)}
      />
      <Group>
        <Button variant="default" onClick={() => void showPreview()} loading={busy}>
          Preview
        </Button>
        <Button onClick={() => void start()} loading={busy}>
          Start export
        </Button>
      </Group>
      {message ? (
        <Text size="sm" c={message.ok ? 'teal' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Text>
      ) : null}
      {preview ? (
        <Stack gap={4} aria-label="Export preview">
          <Text size="sm">
            {preview.matched.toLocaleString()} pair{preview.matched === 1 ? '' : 's'} match. First
            rows as written:
          </Text>
          <Code block mah={320} style={{ overflow: 'auto' }}>
            {preview.rows.map((row) => JSON.stringify(row, null, 2)).join('\n')}
          </Code>
        </Stack>
      ) : null}
    </Stack>
  )
}
