import type { Shortcut } from '../../components/ShortcutSheet/shortcuts'
import type { SyncedView } from '../../components/ImageCompare/useSyncedView'
import type { Tier } from '../../../src-shared/domain/pair-filter'

export type ReviewCommands = Readonly<{
  accept(): void
  reject(): void
  swap(): void
  editChosen(): void
  editRejected(): void
  tier(tier: Tier): void
  note(): void
  tag(): void
  next(): void
  prev(): void
  undo(): void
  redo(): void
  toggleAutoAdvance(): void
  toggleHighlight(): void
  help(): void
  canUndo: boolean
  canRedo: boolean
}>

/** Every key of the review page; the `?` sheet is generated from this same list. */
export function reviewShortcuts(cmd: ReviewCommands, view: SyncedView): Shortcut[] {
  return [
    { group: 'Decide', label: 'Accept', keys: ['a'], run: cmd.accept },
    { group: 'Decide', label: 'Reject', keys: ['r'], run: cmd.reject },
    { group: 'Decide', label: 'Swap chosen and rejected', keys: ['s'], run: cmd.swap },
    { group: 'Decide', label: 'Tier 1', keys: ['1'], run: () => cmd.tier(1) },
    { group: 'Decide', label: 'Tier 2', keys: ['2'], run: () => cmd.tier(2) },
    { group: 'Decide', label: 'Tier 3', keys: ['3'], run: () => cmd.tier(3) },
    { group: 'Edit', label: 'Edit chosen', keys: ['e'], run: cmd.editChosen },
    { group: 'Edit', label: 'Edit rejected', keys: ['shift+e'], run: cmd.editRejected },
    { group: 'Edit', label: 'Save edit', keys: ['mod+enter'], run: () => undefined },
    { group: 'Edit', label: 'Note', keys: ['n'], run: cmd.note },
    { group: 'Edit', label: 'Tag', keys: ['t'], run: cmd.tag },
    {
      group: 'Navigate',
      label: 'Next pair',
      keys: ['j', 'arrowright'],
      run: cmd.next,
      repeatable: true
    },
    {
      group: 'Navigate',
      label: 'Previous pair',
      keys: ['k', 'arrowleft'],
      run: cmd.prev,
      repeatable: true
    },
    { group: 'Navigate', label: 'Auto-advance on/off', keys: ['g'], run: cmd.toggleAutoAdvance },
    { group: 'Navigate', label: 'Keyboard shortcuts', keys: ['shift+?'], run: cmd.help },
    {
      group: 'History',
      label: 'Undo',
      keys: ['mod+z', 'u'],
      run: cmd.undo,
      enabled: cmd.canUndo
    },
    {
      group: 'History',
      label: 'Redo',
      keys: ['mod+shift+z', 'shift+u'],
      run: cmd.redo,
      enabled: cmd.canRedo
    },
    { group: 'Images', label: 'Zoom in', keys: ['='], run: view.zoomIn, repeatable: true },
    { group: 'Images', label: 'Zoom out', keys: ['minus'], run: view.zoomOut, repeatable: true },
    { group: 'Images', label: 'Fit', keys: ['0'], run: view.fit },
    { group: 'Images', label: '1:1 pixels', keys: ['p'], run: view.pixel },
    { group: 'Images', label: 'Side by side / split', keys: ['v'], run: view.toggleMode },
    {
      group: 'Images',
      label: 'Highlight differences on/off',
      keys: ['d'],
      run: cmd.toggleHighlight
    }
  ]
}
