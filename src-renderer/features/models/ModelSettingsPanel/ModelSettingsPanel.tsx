import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'

import { api } from '../../../api/client'
import { useRpcMutation, useRpcQuery } from '../../../api/hooks'
import { PathInput } from '../../files/PathInput'
import { GgufInfoTable } from './GgufInfoTable'

/**
 * The model the studio generates with, saved in the app settings (user config folder): paths
 * picked or typed, the GGUF metadata and a fit estimate, and a one-click test model.
 */
export function ModelSettingsPanel() {
  const settings = useRpcQuery('settings.get', {})
  const update = useRpcMutation('settings.update', ['settings.get'])
  const [model, setModel] = useState('')
  const [mmproj, setMmproj] = useState('')
  const [slots, setSlots] = useState(2)
  const [ctx, setCtx] = useState(2048)
  const [gpuLayers, setGpuLayers] = useState(0)
  const [saved, setSaved] = useState(false)
  const current = settings.data?.settings
  useEffect(() => {
    if (!current) return
    setModel(current.model ?? '')
    setMmproj(current.mmproj ?? '')
    setSlots(current.slots)
    setCtx(current.ctxPerSlot)
    setGpuLayers(current.gpuLayers)
  }, [current])
  const inspect = useRpcQuery(
    'models.inspect',
    {
      model: model.trim(),
      ...(mmproj.trim() ? { mmproj: mmproj.trim() } : {}),
      slots,
      ctxPerSlot: ctx,
      gpuLayers
    },
    { enabled: model.trim().length > 0, retry: false }
  )
  const save = (patch: Parameters<typeof update.mutate>[0]) => {
    setSaved(false)
    update.mutate(patch, { onSuccess: () => setSaved(true) })
  }
  const chooseTestModel = async () => {
    const files = await api().call('models.testModel', {})
    setModel(files.model)
    setMmproj(files.mmproj)
    save({
      model: files.model,
      mmproj: files.mmproj,
      useTestModel: true,
      slots,
      ctxPerSlot: ctx,
      gpuLayers
    })
  }
  return (
    <Card withBorder aria-label="Model settings">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Model for generation</Title>
          {settings.data ? (
            <Text size="xs" c="dimmed" ff="monospace">
              saved in {settings.data.file}
            </Text>
          ) : null}
        </Group>
        {settings.data?.overrides.map((o) => (
          <Alert key={o.key} color="blue" title={`${o.variable} is set`}>
            It overrides the saved {o.key}: {o.value}
          </Alert>
        ))}
        <PathInput
          label="Model (GGUF)"
          value={model}
          onChange={setModel}
          pick="file"
          error={inspect.error?.message}
        />
        <PathInput
          label="Projector (mmproj GGUF)"
          value={mmproj}
          onChange={setMmproj}
          pick="file"
        />
        <Group grow>
          <NumberInput
            label="Slots (-np)"
            min={1}
            max={64}
            value={slots}
            onChange={(v) => setSlots(Number(v) || 1)}
          />
          <NumberInput
            label="Context per slot"
            min={256}
            max={262144}
            step={256}
            value={ctx}
            onChange={(v) => setCtx(Number(v) || 2048)}
          />
          <NumberInput
            label="GPU layers (-ngl)"
            description="0: CPU only; 999: all"
            min={0}
            max={999}
            value={gpuLayers}
            onChange={(v) => setGpuLayers(Math.max(0, Math.min(999, Number(v) || 0)))}
          />
        </Group>
        {inspect.data ? <GgufInfoTable {...inspect.data} /> : null}
        <Group>
          <Button
            onClick={() =>
              save({
                model: model.trim() || null,
                mmproj: mmproj.trim() || null,
                useTestModel: false,
                slots,
                ctxPerSlot: ctx,
                gpuLayers
              })
            }
            loading={update.isPending}
          >
            Save model settings
          </Button>
          <Button variant="light" color="orange" onClick={() => void chooseTestModel()}>
            Use the test model
          </Button>
          {saved ? (
            <Text size="sm" c="teal">
              Saved.
            </Text>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          The test model is a tiny random-weight VLM the studio generates: it loads in a blink and
          answers with meaningless words and digits, for trying the pipeline, not for data.
        </Text>
        {update.error ? (
          <Text c="red" size="sm" role="alert">
            {update.error.message}
          </Text>
        ) : null}
      </Stack>
    </Card>
  )
}
