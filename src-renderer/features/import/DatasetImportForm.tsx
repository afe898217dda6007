import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core'
import { useState } from 'react'

import { EXPORT_FORMATS } from '../../../src-shared/contract/exports'
import type { DatasetPreviewDto, ExportFormat } from '../../../src-shared/contract/exports'
import { api } from '../../api/client'
import { useBusyAction } from '../../api/useBusyAction'
import { PathInput } from '../files/PathInput'
import { DATASET_FORMAT_LABELS, DatasetPreviewTable } from './DatasetPreviewTable'

/**
 * A preference dataset (any export format, own or external) read back as pairs for review:
 * a path, a preview of the detected format and first rows, then the `dataset-import` job.
 */
export function DatasetImportForm(props: Readonly<{ onStarted: (jobId: string) => void }>) {
  const [source, setSource] = useState('')
  const [format, setFormat] = useState<ExportFormat | 'auto'>('auto')
  const [status, setStatus] = useState<'pending' | 'accepted'>('pending')
  const [preview, setPreview] = useState<DatasetPreviewDto | null>(null)
  const forced = format === 'auto' ? {} : { format }

  const { run, busy, error } = useBusyAction()
  const showPreview = () =>
    run(async () => {
      setPreview(null)
      setPreview(await api().call('exports.importPreview', { source: source.trim(), ...forced }))
    })
  const start = () =>
    run(async () => {
      const { jobId } = await api().call('exports.import', {
        source: source.trim(),
        status,
        ...forced
      })
      props.onStarted(jobId)
    })

  return (
    <Stack gap="sm" maw={1100}>
      <PathInput
        label="Dataset"
        description="An export folder (with manifest.json) or a dataset file in one of the four formats"
        value={source}
        onChange={(value) => {
          setSource(value)
          setPreview(null)
        }}
        pick="any"
      />
      <Group grow align="end">
        <Select
          label="Format"
          data={[
            { value: 'auto', label: 'Detect' },
            ...EXPORT_FORMATS.map((value) => ({ value, label: DATASET_FORMAT_LABELS[value] }))
          ]}
          value={format}
          allowDeselect={false}
          onChange={(value) => {
            if (!value) return
            setFormat(value as ExportFormat | 'auto')
            setPreview(null)
          }}
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
        <Button variant="default" onClick={showPreview} loading={busy} disabled={!source.trim()}>
          Preview
        </Button>
        <Button onClick={start} loading={busy} disabled={!preview}>
          Start dataset import
        </Button>
        <Text size="sm" c="dimmed">
          {preview
            ? 'The job reads every row and lists each one it refuses, with file, row and reason.'
            : 'Preview first: it shows the detected format and the first rows, and writes nothing.'}
        </Text>
      </Group>
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
      {preview ? <DatasetPreviewTable preview={preview} /> : null}
    </Stack>
  )
}
