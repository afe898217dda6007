/** One keyboard action: the keys that trigger it (Mantine hotkey syntax) and what it does. */
export type Shortcut = Readonly<{
  keys: readonly string[]
  label: string
  group: string
  run: () => void
  /** Skip when false (e.g. nothing to undo); the cheat sheet still lists it. */
  enabled?: boolean
  /** Whether holding the key repeats the action (navigation, zoom). */
  repeatable?: boolean
}>

const NAMES: Record<string, string> = {
  mod: 'Ctrl',
  shift: 'Shift',
  alt: 'Alt',
  arrowright: '→',
  arrowleft: '←',
  arrowup: '↑',
  arrowdown: '↓',
  escape: 'Esc',
  enter: 'Enter',
  space: 'Space',
  slash: '/',
  minus: '−',
  equal: '=',
  '?': '?'
}

/** `mod+shift+z` → `['Ctrl', 'Shift', 'Z']`, for display. */
export function keyParts(hotkey: string): string[] {
  return hotkey.split('+').map((part) => {
    const key = part.trim().toLowerCase()
    return (
      NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key[0]!.toUpperCase() + key.slice(1))
    )
  })
}
