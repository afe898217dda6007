import { Badge, Button, Card, Group, Image, Select, SimpleGrid, Stack, Text } from '@mantine/core'
import { useState } from 'react'

import type { PerturbPreviewDto } from '../../../src-shared/contract/perturb'
import { api } from '../../api/client'
import { useRpcQuery } from '../../api/hooks'

/** The recipe on one chosen sample, HQ and LQ side by side with PSNR and SSIM, before any job. */
export function RecipePreview(props: Readonly<{ recipe: string; valid: boolean }>) {
  const samples = useRpcQuery('samples.list', { limit: 100 })
  const [sampleId, setSampleId] = useState<string | null>(null)
  const [preview, setPreview] = useState<PerturbPreviewDto | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const rows = samples.data?.rows ?? []
  const chosen = rows.find((s) => String(s.id) === sampleId) ?? rows[0]
  const image = chosen?.images[0]

  const render = async () => {
    if (!image) return
    setBusy(true)
    setError(null)
    try {
      setPreview(
        await api().call('perturb.preview', { recipe: props.recipe, sha256: image.sha256 })
      )
    } catch (e) {
      setPreview(null)
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card withBorder aria-label="Recipe preview">
      <Stack gap="sm">
        <Group align="end">
          <Select
            label="Sample"
            w={420}
            searchable
            data={rows.map((s) => ({
              value: String(s.id),
              label: `#${s.id} · ${s.question.slice(0, 60)}`
            }))}
            value={chosen ? String(chosen.id) : null}
            onChange={(value) => {
              setSampleId(value)
              setPreview(null)
            }}
            placeholder={rows.length ? undefined : 'Import samples first'}
          />
          <Button onClick={() => void render()} loading={busy} disabled={!image || !props.valid}>
            Preview
          </Button>
        </Group>
        {error ? (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
        {preview && image ? (
          <>
            <Group gap="xs">
              <Badge variant="light" tt="none" aria-label="PSNR">
                PSNR {preview.psnr.toFixed(1)} dB
              </Badge>
              <Badge variant="light" color="grape" tt="none" aria-label="SSIM">
                SSIM {preview.ssim.toFixed(3)}
              </Badge>
              <Text size="xs" c="dimmed">
                {preview.recipe} · {preview.variant.width}×{preview.variant.height}{' '}
                {preview.variant.format.toUpperCase()} · {(preview.variant.bytes / 1024).toFixed(1)}{' '}
                KiB · {Math.round(preview.ms)} ms
              </Text>
            </Group>
            <SimpleGrid cols={2}>
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  HQ (original)
                </Text>
                <Image
                  src={api().mediaUrl({ sha256: image.sha256 })}
                  alt="HQ original"
                  fit="contain"
                  mah={360}
                  style={{ imageRendering: 'pixelated' }}
                />
              </Stack>
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  LQ ({preview.recipe})
                </Text>
                <Image
                  src={preview.variant.dataUri}
                  alt="LQ preview"
                  fit="contain"
                  mah={360}
                  style={{ imageRendering: 'pixelated' }}
                />
              </Stack>
            </SimpleGrid>
          </>
        ) : null}
      </Stack>
    </Card>
  )
}
