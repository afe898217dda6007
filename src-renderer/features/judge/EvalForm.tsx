import { Group, NumberInput, Paper, Select, Stack } from '@mantine/core'
import { useState } from 'react'

import type { EvalFormat } from '../../../src-shared/contract/judge'
import { StartJobBar, useStartJob } from '../jobs/StartJob/StartJob'
import { PathInput } from '../files/PathInput'
import { JudgeRunFields } from './JudgeRunFields'
import { evalPrefsParams, guessEvalFormat } from './judgeParams'
import { useJudgeRun } from './useJudgeRun'

const FORMATS: Array<{ value: EvalFormat; label: string }> = [
  { value: 'imagereward', label: 'ImageReward' },
  { value: 'hpdv2', label: 'HPD v2' }
]
const NAMES: Record<EvalFormat, string> = { imagereward: 'ImageReward', hpdv2: 'HPD v2' }

/**
 * Starts an `eval-prefs` job through `jobs.start`: a published human-preference test set, its
 * images folder, the judge model, and the bootstrap and comparison settings.
 */
export function EvalForm(props: Readonly<{ onStarted: (jobId: string) => void }>) {
  const { target, run } = useJudgeRun()
  const [testFile, setTestFile] = useState('')
  const [format, setFormat] = useState<EvalFormat>('imagereward')
  const [imagesDir, setImagesDir] = useState('')
  const [limit, setLimit] = useState<number | null>(null)
  const [bootstrapRounds, setBootstrapRounds] = useState(1000)
  const { params, problem } = evalPrefsParams({
    ...target,
    ...run,
    testFile,
    format,
    imagesDir,
    limit,
    bootstrapRounds
  })
  const guess = guessEvalFormat(testFile)

  const { start, busy, error } = useStartJob(props.onStarted)

  return (
    <Paper withBorder p="md" component="section" aria-label="Evaluate the judge">
      <Stack gap="sm">
        <Group grow align="start">
          <PathInput
            label="Test set"
            description="The set's test.json"
            value={testFile}
            onChange={(path) => {
              setTestFile(path)
              // Follow the path's hint until the user picks a format that differs from it.
              const hint = guessEvalFormat(path)
              if (hint) setFormat(hint)
            }}
            pick="file"
            placeholder="/path/to/test.json"
          />
          <PathInput
            label="Images folder"
            description="Image paths of the test set resolve inside it"
            value={imagesDir}
            onChange={setImagesDir}
            pick="folder"
          />
        </Group>
        <Group grow align="start">
          <Select
            label="Format"
            description={
              guess && guess !== format
                ? `The path suggests ${NAMES[guess]}`
                : format === 'imagereward'
                  ? 'Items {id, prompt, generations[], ranking[]}'
                  : 'Items {prompt, image_path[], rank[]}'
            }
            data={FORMATS}
            value={format}
            allowDeselect={false}
            onChange={(v) => v && setFormat(v as EvalFormat)}
          />
          <NumberInput
            label="Limit (groups)"
            description="The first groups only, for a quick look"
            placeholder="all"
            min={1}
            value={limit ?? ''}
            onChange={(v) => setLimit(typeof v === 'number' ? v : null)}
          />
          <NumberInput
            label="Bootstrap rounds"
            description="For the 95 % intervals"
            min={10}
            max={100000}
            value={bootstrapRounds}
            onChange={(v) => setBootstrapRounds(typeof v === 'number' ? v : 1000)}
          />
        </Group>
        <JudgeRunFields target={target} run={run} />
        <StartJobBar
          label="Start evaluation"
          onStart={() => void start(params && { kind: 'eval-prefs', params })}
          busy={busy}
          problem={problem}
          error={error}
        />
      </Stack>
    </Paper>
  )
}
