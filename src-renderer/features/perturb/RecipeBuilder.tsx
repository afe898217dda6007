import {
  ActionIcon,
  Button,
  Group,
  Menu,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'

import { PRESET_LEVELS, STEP_TYPES } from '../../../src-shared/domain/recipes'
import type { PerturbStep, StepType } from '../../../src-shared/domain/recipes'
import {
  MAIN_PARAM,
  RESAMPLE_KERNELS,
  defaultStep,
  mainValue,
  readRecipe,
  recipeText,
  withMainValue
} from './recipeSteps'

function StepRow(
  props: Readonly<{
    index: number
    step: PerturbStep
    onChange: (step: PerturbStep) => void
    onRemove: () => void
  }>
) {
  const { step } = props
  const param = MAIN_PARAM[step.type]
  return (
    <Group gap="xs" align="end" aria-label={`Recipe step ${props.index + 1}`} role="group">
      <Select
        label={`Step ${props.index + 1}`}
        w={140}
        data={[...STEP_TYPES]}
        value={step.type}
        allowDeselect={false}
        onChange={(value) => value && props.onChange(defaultStep(value as StepType))}
      />
      <NumberInput
        label={param.label}
        w={130}
        min={param.min}
        max={param.max}
        step={param.step}
        decimalScale={3}
        value={mainValue(step)}
        onChange={(value) => props.onChange(withMainValue(step, Number(value)))}
      />
      {step.type === 'downsample' ? (
        <>
          <Select
            label="Kernel"
            w={130}
            data={[...RESAMPLE_KERNELS]}
            value={step.kernel}
            allowDeselect={false}
            onChange={(value) =>
              value && props.onChange({ ...step, kernel: value as typeof step.kernel })
            }
          />
          <Select
            label="Size"
            w={150}
            data={[
              { value: 'restore', label: 'Scale back up' },
              { value: 'small', label: 'Keep small' }
            ]}
            value={step.restore ? 'restore' : 'small'}
            allowDeselect={false}
            onChange={(value) => props.onChange({ ...step, restore: value === 'restore' })}
          />
        </>
      ) : null}
      {step.type === 'noise' ? (
        <NumberInput
          label="Seed"
          w={110}
          min={0}
          value={step.seed}
          onChange={(value) => props.onChange({ ...step, seed: Number(value) || 0 })}
        />
      ) : null}
      <ActionIcon
        variant="subtle"
        color="red"
        mb={4}
        aria-label={`Remove step ${props.index + 1}`}
        onClick={props.onRemove}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  )
}

/**
 * Every operator and chain the CLI accepts: the recipe text is the truth (typed, or written by
 * the step editor and the presets), checked as the core checks it while typing.
 */
export function RecipeBuilder(
  props: Readonly<{ value: string; onChange: (text: string) => void }>
) {
  const { recipe, error } = readRecipe(props.value)
  const steps = recipe?.steps ?? []
  const setSteps = (next: PerturbStep[]) => props.onChange(next.length ? recipeText(next) : '')
  return (
    <Stack gap="sm">
      <TextInput
        label="Recipe"
        description="Steps joined by +, e.g. blur:2+jpeg:40 or downsample:4; levels mild, medium, severe"
        value={props.value}
        error={props.value.trim() && error ? `recipe "${props.value.trim()}": ${error}` : undefined}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        ff="monospace"
      />
      {recipe ? (
        <Stack gap="xs">
          {steps.map((step, index) => (
            <StepRow
              key={index}
              index={index}
              step={step}
              onChange={(next) => setSteps(steps.map((s, i) => (i === index ? next : s)))}
              onRemove={() => setSteps(steps.filter((_, i) => i !== index))}
            />
          ))}
        </Stack>
      ) : null}
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          disabled={Boolean(props.value.trim()) && !recipe}
          onClick={() => setSteps([...steps, defaultStep(steps.length ? 'jpeg' : 'blur')])}
        >
          Add step
        </Button>
        <Menu>
          <Menu.Target>
            <Button size="xs" variant="default">
              Presets
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {STEP_TYPES.map((type) => (
              <Menu.Item key={type} closeMenuOnClick={false} component="div">
                <Group gap={4} justify="space-between">
                  <Text size="sm" w={80}>
                    {type}
                  </Text>
                  {PRESET_LEVELS.map((level) => (
                    <Button
                      key={level}
                      size="compact-xs"
                      variant="light"
                      onClick={() => props.onChange(`${type}:${level}`)}
                    >
                      {level}
                    </Button>
                  ))}
                </Group>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Stack>
  )
}
