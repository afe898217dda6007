import { Group, NumberInput, Paper, SegmentedControl, Stack, Text } from '@mantine/core'
import { useState } from 'react'

import { StartJobBar, useStartJob } from '../jobs/StartJob/StartJob'
import { PathInput } from '../files/PathInput'
import { JudgeRunFields } from './JudgeRunFields'
import { rankParams } from './judgeParams'
import { useJudgeRun } from './useJudgeRun'

type PairPolicy = 'best-worst' | 'margin'

/**
 * Starts a `rank` job through `jobs.start`: a prompt-set file, the judge model, which preference
 * pairs to keep, and how comparisons are drawn.
 */
export function RankForm(props: Readonly<{ onStarted: (jobId: string) => void }>) {
  const { target, run } = useJudgeRun()
  const [promptSet, setPromptSet] = useState('')
  const [pairs, setPairs] = useState<PairPolicy>('best-worst')
  const [margin, setMargin] = useState(1)
  const { params, problem } = rankParams({ ...target, ...run, promptSet, pairs, margin })

  const { start, busy, error } = useStartJob(props.onStarted)

  return (
    <Paper withBorder p="md" component="section" aria-label="Rank images">
      <Stack gap="sm">
        <PathInput
          label="Prompt set"
          description="A JSON list or JSON lines of {prompt, images[]}; image paths relative to the file's folder"
          value={promptSet}
          onChange={setPromptSet}
          pick="file"
          placeholder="/path/to/prompt-set.json"
        />
        <JudgeRunFields target={target} run={run} />
        <Group align="end">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Pairs to keep
            </Text>
            <SegmentedControl
              aria-label="Pairs to keep"
              value={pairs}
              onChange={(v) => setPairs(v as PairPolicy)}
              data={[
                { label: 'Best vs worst', value: 'best-worst' },
                { label: 'Every pair above a margin', value: 'margin' }
              ]}
            />
          </Stack>
          {pairs === 'margin' ? (
            <NumberInput
              label="Margin"
              description="Bradley–Terry log-strength difference"
              min={0}
              step={0.1}
              decimalScale={3}
              value={margin}
              onChange={(v) => setMargin(typeof v === 'number' ? v : 1)}
              w={240}
            />
          ) : null}
        </Group>
        <StartJobBar
          label="Start ranking"
          onStart={() => void start(params && { kind: 'rank', params })}
          busy={busy}
          problem={problem}
          error={error}
        />
      </Stack>
    </Paper>
  )
}
