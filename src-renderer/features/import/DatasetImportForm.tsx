import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core'
import { useState } from 'react'

import { EXPORT_FORMATS } from '../../../src-shared/contract/exports'
import type { ExportFormat } from '../../../src-shared/contract/exports'
import { api } from '../../api/client'
import { PathInput } from '../files/PathInput'

const LABELS: Record<ExportFormat, string> = {
  trl: 'TRL DPO (JSONL)',
  'trl-parquet': 'TRL DPO (Parquet)',
  llamafactory: 'LLaMA-Factory (sharegpt ranking)',
  'rlaif-v': 'RLAIF-V'
}

/** A preference dataset (any export format, own or external) read back as pairs for review. */
export function DatasetImportForm(props: Readonly<{ onStarted: (jobId: string) => void }>) {
  const [source, setSource] = useState('')
  const [format, setFormat] = useState<ExportFormat | 'auto'>('auto')
  const [status, setStatus] = useState<'pending' | 'accepted'>('pending')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const start = async () => {
    setBusy(true)
    setError(null)
    try {
      const { jobId } = await api().call('exports.import', {
        source: source.trim(),
        status,
        ...(format === 'auto' ? {} : { format })
      })
      props.onStarted(jobId)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Stack gap="sm" maw={900}>
      <PathInput
        label="Dataset"
        description="An export folder (with manifest.json) or a dataset file in one of the four formats"
        value={source}
        onChange={setSource}
        pick="any"
      />
      <Group grow align="end">
        <Select
          label="Format"
          data={[
            { value: 'auto', label: 'Detect' },
            ...EXPORT_FORMATS.map((value) => ({ value, label: LABELS[value] }))
          ]}
          value={format}
          allowDeselect={false}
          onChange={(value) => value && setFormat(value as ExportFormat | 'auto')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Imported pairs are
          </Text>
          <SegmentedControl
            aria-label="Status of imported pairs"
            value={status}
            onChange={(value) => setStatus(value as 'pending' | 'accepted')}
            data={[
              { label: 'Pending review', value: 'pending' },
              { label: 'Accepted', value: 'accepted' }
            ]}
          />
        </Stack>
      </Group>
      <Group>
        <Button onClick={start} loading={busy} disabled={!source.trim()}>
          Start dataset import
        </Button>
        <Text size="sm" c="dimmed">
          The job detects the format and lists each row it refuses, with file, row and reason.
        </Text>
      </Group>
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  )
}
