import { SegmentedControl, Stack, Title } from '@mantine/core'
import { useState } from 'react'

import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { DatasetImportForm } from '../features/import/DatasetImportForm'
import { SampleImportForm } from '../features/import/SampleImportForm'
import { JobProgressCard } from '../features/jobs/JobProgressCard/JobProgressCard'

type Kind = 'samples' | 'dataset'

export function ImportPage() {
  const project = useRpcQuery('project.current', {})
  const [kind, setKind] = useState<Kind>('samples')
  const [job, setJob] = useState<{ id: string; label: string } | null>(null)
  if (project.isSuccess && !project.data)
    return (
      <Stack gap="lg">
        <Title order={2}>Import</Title>
        <EmptyState title="No project open">Open or create a project to import into.</EmptyState>
      </Stack>
    )
  return (
    <Stack gap="lg">
      <Title order={2}>Import</Title>
      <SegmentedControl
        aria-label="What to import"
        w="fit-content"
        value={kind}
        onChange={(value) => setKind(value as Kind)}
        data={[
          { label: 'Images and questions', value: 'samples' },
          { label: 'Preference dataset', value: 'dataset' }
        ]}
      />
      {kind === 'samples' ? (
        <SampleImportForm onStarted={(id) => setJob({ id, label: 'Import' })} />
      ) : (
        <DatasetImportForm onStarted={(id) => setJob({ id, label: 'Dataset import' })} />
      )}
      {job ? <JobProgressCard key={job.id} jobId={job.id} label={job.label} /> : null}
    </Stack>
  )
}
