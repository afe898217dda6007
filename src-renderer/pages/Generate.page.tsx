import { Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'

import type { JobDto } from '../../src-shared/contract/jobs'
import type { GenerateParams } from '../../src-shared/contract/generate'
import { api } from '../api/client'
import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { GenerateForm } from '../features/generate/GenerateForm'
import { JobProgressCard } from '../features/jobs/JobProgressCard/JobProgressCard'

/** Ask the model on HQ and LQ images and build pairs, through the `generate` job. */
export function GeneratePage() {
  const project = useRpcQuery('project.current', {})
  const [jobId, setJobId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (project.isSuccess && !project.data)
    return (
      <Stack gap="lg">
        <Title order={2}>Generate</Title>
        <EmptyState title="No project open">Open or create a project first.</EmptyState>
      </Stack>
    )
  // A generation resumes from what it committed: the same parameters skip answered samples.
  const resume = async (job: JobDto) => {
    setError(null)
    try {
      const params = job.params as GenerateParams
      setJobId((await api().call('jobs.start', { kind: 'generate', params })).jobId)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <Stack gap="lg">
      <Title order={2}>Generate</Title>
      <GenerateForm onStarted={setJobId} />
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
      {jobId ? (
        <JobProgressCard
          key={jobId}
          jobId={jobId}
          label="Generate"
          onResume={(job) => void resume(job)}
        />
      ) : null}
    </Stack>
  )
}
