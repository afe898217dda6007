import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'

import { renderWithMantine } from '../../test-utils/renderWithMantine'
import { ShortcutSheet } from './ShortcutSheet'
import { keyParts } from './shortcuts'
import type { Shortcut } from './shortcuts'
import { useShortcuts } from './useShortcuts'

function Harness(props: Readonly<{ shortcuts: Shortcut[] }>) {
  useShortcuts(props.shortcuts)
  return <input aria-label="Note" />
}

describe('shortcuts', () => {
  it('formats hotkeys for display', () => {
    expect(keyParts('mod+shift+z')).toEqual(['Ctrl', 'Shift', 'Z'])
    expect(keyParts('arrowright')).toEqual(['→'])
    expect(keyParts('shift+?')).toEqual(['Shift', '?'])
  })

  it('runs the bound action, but not while typing or when disabled', () => {
    const accept = vi.fn()
    const undo = vi.fn()
    renderWithMantine(
      <Harness
        shortcuts={[
          { keys: ['a'], label: 'Accept', group: 'Decide', run: accept },
          { keys: ['mod+z'], label: 'Undo', group: 'History', run: undo, enabled: false }
        ]}
      />
    )
    fireEvent.keyDown(document.documentElement, { key: 'a' })
    expect(accept).toHaveBeenCalledTimes(1)
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Note' }), { key: 'a' })
    expect(accept).toHaveBeenCalledTimes(1)
    fireEvent.keyDown(document.documentElement, { key: 'z', ctrlKey: true })
    expect(undo).not.toHaveBeenCalled()
  })

  it('lists every shortcut by group in the cheat sheet', () => {
    renderWithMantine(
      <ShortcutSheet
        opened
        onClose={() => undefined}
        shortcuts={[
          { keys: ['a'], label: 'Accept', group: 'Decide', run: () => undefined },
          { keys: ['j', 'arrowright'], label: 'Next pair', group: 'Navigate', run: () => undefined }
        ]}
      />
    )
    expect(screen.getByRole('table', { name: 'Decide shortcuts' }).textContent).toContain('Accept')
    expect(screen.getByRole('table', { name: 'Navigate shortcuts' }).textContent).toMatch(
      /Next pair.*J.*or.*→/
    )
  })
})
