import { Badge, Button, CloseButton, Group, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'

import { api } from '../api/client'
import { useRpcQuery } from '../api/hooks'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { JobProgressCard } from '../features/jobs/JobProgressCard/JobProgressCard'
import { RecipeBuilder } from '../features/perturb/RecipeBuilder'
import { RecipePreview } from '../features/perturb/RecipePreview'
import { readRecipe } from '../features/perturb/recipeSteps'

/** Build degradation recipes, preview them on a sample, then render them for every image. */
export function PerturbPage() {
  const project = useRpcQuery('project.current', {})
  const [text, setText] = useState('blur:2+jpeg:40')
  const [recipes, setRecipes] = useState<string[]>([])
  const [jobId, setJobId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { recipe } = readRecipe(text)
  const valid = recipe !== null && recipe.steps.length > 0

  if (project.isSuccess && !project.data)
    return (
      <Stack gap="lg">
        <Title order={2}>Perturb</Title>
        <EmptyState title="No project open">Open or create a project first.</EmptyState>
      </Stack>
    )

  const start = async () => {
    setError(null)
    try {
      const result = await api().call('jobs.start', { kind: 'perturb', params: { recipes } })
      setJobId(result.jobId)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <Stack gap="lg" maw={1200}>
      <Title order={2}>Perturb</Title>
      <RecipeBuilder value={text} onChange={setText} />
      <RecipePreview recipe={text.trim()} valid={valid} />
      <Stack gap="xs">
        <Group gap="xs">
          <Button
            variant="light"
            disabled={!valid || recipes.includes(text.trim())}
            onClick={() => setRecipes([...recipes, text.trim()])}
          >
            Add recipe to the job
          </Button>
          <Text size="sm" c="dimmed">
            The job renders each recipe once per original image, with PSNR and SSIM.
          </Text>
        </Group>
        <Group gap="xs" aria-label="Recipes to render">
          {recipes.map((r) => (
            <Badge
              key={r}
              variant="outline"
              size="lg"
              tt="none"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={`Remove ${r}`}
                  onClick={() => setRecipes(recipes.filter((x) => x !== r))}
                />
              }
            >
              {r}
            </Badge>
          ))}
        </Group>
        <Group>
          <Button onClick={() => void start()} disabled={recipes.length === 0}>
            Start perturb job
          </Button>
        </Group>
        {error ? (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
      {jobId ? <JobProgressCard key={jobId} jobId={jobId} label="Perturb" /> : null}
    </Stack>
  )
}
