import { Button, Group, TextInput } from '@mantine/core'
import type { ReactNode } from 'react'
import { useState } from 'react'

import { FileBrowserModal } from './FileBrowserModal'
import type { PickKind } from './FileBrowserModal'

/**
 * A path on the core's machine: typed, or picked with the desktop's native dialog (Electron) or
 * the confined server-side browser (browser mode).
 */
export function PathInput(
  props: Readonly<{
    label: string
    description?: ReactNode
    value: string
    onChange: (value: string) => void
    pick: PickKind
    placeholder?: string
    error?: ReactNode
  }>
) {
  const [browsing, setBrowsing] = useState(false)
  const browse = async () => {
    const native = window.hostBridge?.pickPath
    if (native) {
      const path = await native(props.pick)
      if (path) props.onChange(path)
    } else setBrowsing(true)
  }
  return (
    <>
      <Group align="end" gap="xs" wrap="nowrap">
        <TextInput
          flex={1}
          label={props.label}
          description={props.description}
          placeholder={props.placeholder ?? '/path/on/this/machine'}
          value={props.value}
          error={props.error}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        />
        <Button
          variant="default"
          onClick={() => void browse()}
          aria-label={`Browse for ${props.label}`}
        >
          Browse…
        </Button>
      </Group>
      {browsing ? (
        <FileBrowserModal
          opened
          kind={props.pick}
          start={props.value.trim() || undefined}
          onClose={() => setBrowsing(false)}
          onPick={props.onChange}
        />
      ) : null}
    </>
  )
}
