import { Badge, Table, Text } from '@mantine/core'

import type { FitEstimateDto, GgufInfoDto } from '../../../../src-shared/contract/settings'

const gib = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(2)} GiB`
    : `${(bytes / 1024 ** 2).toFixed(1)} MiB`

function params(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} B`
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`
  return `${(n / 1e3).toFixed(1)} K`
}

/** What the GGUF headers say, and whether weights + KV cache fit in free memory. */
export function GgufInfoTable(
  props: Readonly<{ model: GgufInfoDto; mmproj: GgufInfoDto | null; fit: FitEstimateDto }>
) {
  const { model, mmproj, fit } = props
  return (
    <Table variant="vertical" aria-label="Model details" fz="sm">
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={180}>Architecture</Table.Th>
          <Table.Td>
            {model.architecture ?? '—'} {model.name ? `· ${model.name}` : ''}{' '}
            {model.isTestModel ? (
              <Badge color="orange" variant="light">
                Test model: random weights, meaningless answers
              </Badge>
            ) : null}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Parameters · quantization</Table.Th>
          <Table.Td>
            {params(model.parameters)} · {model.quantization ?? '—'}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Context length · layers</Table.Th>
          <Table.Td>
            {model.contextLength ?? '—'} tokens · {model.layers ?? '—'}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>File size</Table.Th>
          <Table.Td>
            {gib(model.fileBytes)}
            {mmproj ? ` + projector ${gib(mmproj.fileBytes)}` : ''}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Projector type</Table.Th>
          <Table.Td>{mmproj ? (mmproj.projectorType ?? 'unknown') : 'no mmproj given'}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Fit estimate</Table.Th>
          <Table.Td>
            <Badge color={fit.fits ? 'teal' : 'red'} variant="light" aria-label="Fit">
              {fit.fits ? 'fits' : 'does not fit'}
            </Badge>{' '}
            {gib(fit.weightsBytes)} weights + {gib(fit.kvCacheBytes)} KV cache ={' '}
            {gib(fit.totalBytes)}: {gib(fit.ramBytes)} of {gib(fit.freeRamBytes)} free RAM
            {fit.gpuBytes > 0 || fit.gpu
              ? `, ${gib(fit.gpuBytes)} of ${fit.gpu ? `${gib(fit.gpu.freeBytes)} free on ${fit.gpu.name}` : 'no GPU found'}`
              : ''}
            <Text size="xs" c="dimmed">
              {fit.note}
            </Text>
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  )
}
