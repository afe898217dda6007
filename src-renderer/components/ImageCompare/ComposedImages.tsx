import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core'

import type { CompositionDto } from '../../../src-shared/contract/compose'
import { api } from '../../api/client'
import { ImagePane } from './ImagePane'
import { ZoomControls } from './ZoomControls'
import type { SyncedView } from './useSyncedView'

type Props = Readonly<{
  composition: CompositionDto
  synced: SyncedView
  height?: number
}>

const LAYOUT_NAMES: Record<CompositionDto['layout'], string> = {
  sequence: 'Sequence',
  grid: 'Grid collage',
  pip: 'Picture-in-picture'
}

/** Whether the question is about this source (it is outlined). */
const isFocus = (role: string) => role === 'target' || role === 'operand'

/**
 * The images of a composed (S2H) sample under one zoom and pan: what the model was shown (each
 * image numbered as the prompt numbers it; a grid or picture-in-picture is one image, with its
 * sources numbered below), the image(s) the question is about outlined, and the guided form
 * (those images alone) beside.
 */
export function ComposedImages(props: Props) {
  const { composition: c, synced } = props
  const total = props.height ?? 340
  const sequence = c.layout === 'sequence'
  const focus = c.sources.filter((s) => isFocus(s.role) && s.image)
  // A sequence shows up to three narrow panes a row (two rows past three images); a grid or
  // picture-in-picture one wide pane above its numbered sources.
  const rows = sequence && c.sources.length > 3 ? 2 : 1
  const paneHeight = Math.max(110, Math.floor((total * (sequence ? 0.6 : 1)) / rows) - 40)
  const common = { view: synced.view, onViewChange: synced.setView }

  const sourcePanes = c.sources.map((s, index) =>
    s.image ? (
      <ImagePane
        key={`${s.position}-${s.sampleId}`}
        {...common}
        onMeasure={index === 0 ? synced.measure : undefined}
        imageSize={{ width: s.image.width, height: s.image.height }}
        layers={[
          { src: api().mediaUrl({ sha256: s.image.sha256 }), alt: `Image ${s.position + 1}` }
        ]}
        label={`Image ${s.position + 1}`}
        rightLabel={isFocus(s.role) ? s.role : undefined}
        outlined={isFocus(s.role)}
        height={sequence ? paneHeight : Math.floor(paneHeight / 2)}
      />
    ) : null
  )

  return (
    <Stack gap="xs" aria-label="Composed images">
      <Group justify="space-between" gap="xs">
        <Group gap={6}>
          <Badge variant="light" color="grape" aria-label={`Layout ${c.layout}`}>
            {LAYOUT_NAMES[c.layout]}
          </Badge>
          <Text size="xs" c="dimmed">
            {c.imageCount} images · {c.template} · seed {c.seed}
          </Text>
        </Group>
        <ZoomControls synced={synced} />
      </Group>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={4} style={{ flex: 3, minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={700} tt="uppercase">
            Shown to the model
          </Text>
          {sequence ? (
            <SimpleGrid cols={Math.min(c.sources.length, 3)} spacing="xs">
              {sourcePanes}
            </SimpleGrid>
          ) : (
            <>
              {c.images.map((image) => (
                <ImagePane
                  key={image.sha256}
                  {...common}
                  onMeasure={synced.measure}
                  imageSize={{ width: image.width, height: image.height }}
                  layers={[
                    { src: api().mediaUrl({ sha256: image.sha256 }), alt: LAYOUT_NAMES[c.layout] }
                  ]}
                  label={LAYOUT_NAMES[c.layout]}
                  height={paneHeight}
                />
              ))}
              <SimpleGrid cols={Math.min(c.sources.length, 5)} spacing={4} aria-label="Sources">
                {sourcePanes}
              </SimpleGrid>
            </>
          )}
        </Stack>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }} aria-label="Guided form">
          <Text size="xs" c="dimmed" fw={700} tt="uppercase">
            Guided
          </Text>
          {c.guidedQuestion === null ? (
            <Text size="xs" c="dimmed">
              No guided form: chosen is the computed ground truth.
            </Text>
          ) : (
            focus.map((s) => (
              <ImagePane
                key={`guided-${s.position}`}
                {...common}
                imageSize={{ width: s.image!.width, height: s.image!.height }}
                layers={[
                  {
                    src: api().mediaUrl({ sha256: s.image!.sha256 }),
                    alt: `Guided image ${s.position + 1}`
                  }
                ]}
                label={focus.length > 1 ? `Guided ${focus.indexOf(s) + 1}` : 'Guided'}
                outlined
                height={Math.floor(paneHeight / Math.max(1, focus.length))}
              />
            ))
          )}
          {c.guidedQuestion !== null ? (
            <Text size="xs" c="dimmed" aria-label="Guided question">
              {c.guidedQuestion}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Stack>
  )
}
