import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'

import type { ImportFormat, ImportPreviewDto } from '../../../src-shared/contract/ingest'
import { api } from '../../api/client'
import { useBusyAction } from '../../api/useBusyAction'
import { PathInput } from '../files/PathInput'
import { ImportPreviewTable } from './ImportPreviewTable'

const FORMATS: Array<{ value: ImportFormat; label: string }> = [
  { value: 'auto', label: 'Detect from the path' },
  { value: 'folder', label: 'Folder of images (optional questions.jsonl / .csv)' },
  { value: 'vqa-jsonl', label: 'VQA JSONL' },
  { value: 'csv', label: 'CSV' }
]

/** Images and questions: a path, a preview of what will be read, then the `import` job. */
export function SampleImportForm(props: Readonly<{ onStarted: (jobId: string) => void }>) {
  const [source, setSource] = useState('')
  const [format, setFormat] = useState<ImportFormat>('auto')
  const [defaultQuestion, setDefaultQuestion] = useState('')
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null)

  const { run, busy, error } = useBusyAction()
  const showPreview = () =>
    run(async () => {
      setPreview(null)
      setPreview(await api().call('ingest.preview', { source: source.trim(), format }))
    })
  const start = () =>
    run(async () => {
      const question = defaultQuestion.trim()
      const { jobId } = await api().call('jobs.start', {
        kind: 'import',
        params: {
          source: source.trim(),
          format,
          ...(question ? { defaultQuestion: question } : {})
        }
      })
      props.onStarted(jobId)
    })

  return (
    <Stack gap="sm" maw={900}>
      <PathInput
        label="Source"
        description="A folder of images (with an optional questions.jsonl or questions.csv), or a VQA-style .jsonl / .csv file"
        value={source}
        onChange={(value) => {
          setSource(value)
          setPreview(null)
        }}
        pick="any"
      />
      <Group grow>
        <Select
          label="Format"
          data={FORMATS}
          value={format}
          allowDeselect={false}
          onChange={(value) => value && setFormat(value as ImportFormat)}
        />
        <TextInput
          label="Question for images without one"
          placeholder="optional, e.g. Describe the image."
          value={defaultQuestion}
          onChange={(event) => setDefaultQuestion(event.currentTarget.value)}
        />
      </Group>
      <Group>
        <Button variant="default" onClick={showPreview} loading={busy} disabled={!source.trim()}>
          Preview
        </Button>
        <Button onClick={start} loading={busy} disabled={!preview}>
          Start import
        </Button>
        {!preview ? (
          <Text size="sm" c="dimmed">
            Preview first: it shows what will be read and writes nothing.
          </Text>
        ) : null}
      </Group>
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
      {preview ? <ImportPreviewTable preview={preview} /> : null}
    </Stack>
  )
}
