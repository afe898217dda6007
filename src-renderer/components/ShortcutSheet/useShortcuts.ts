import { useHotkeys } from '@mantine/hooks'
import type { HotkeyItem } from '@mantine/hooks'

import type { Shortcut } from './shortcuts'

/**
 * Binds every shortcut's keys on the document while mounted. Keys typed into inputs and text
 * areas never trigger an action, so inline edits and notes are safe.
 */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const items: HotkeyItem[] = shortcuts.flatMap((shortcut) =>
    shortcut.keys.map((key): HotkeyItem => [
      key,
      (event) => {
        if (event.repeat && !shortcut.repeatable) return
        if (shortcut.enabled === false) return
        shortcut.run()
      }
    ])
  )
  useHotkeys(items)
}
