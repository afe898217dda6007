import { useState } from 'react'

import type { ExportFormat, ExportOptionsInput } from '../../../src-shared/contract/exports'

export type ExportFormState = {
  format: ExportFormat
  status: 'accepted' | 'all'
  split: number
  seed: number
  order: 'mixed' | 'curriculum'
  dedupe: boolean
  reencode: boolean
  maxSide: number
  promptImage: 'hq' | 'lq'
  name: string
  tiers: Array<1 | 2 | 3>
}

const INITIAL: ExportFormState = {
  format: 'trl',
  status: 'accepted',
  split: 1,
  seed: 42,
  order: 'mixed',
  dedupe: true,
  reencode: false,
  maxSide: 1024,
  promptImage: 'hq',
  name: 'delta_studio',
  tiers: [1, 2, 3]
}

/** The export form's state and its translation to the contract's ExportOptionsInput. */
export function useExportOptions() {
  const [state, setState] = useState<ExportFormState>(INITIAL)
  const set = <K extends keyof ExportFormState>(key: K, value: ExportFormState[K]): void =>
    setState((previous) => ({ ...previous, [key]: value }))
  const options: ExportOptionsInput = {
    format: state.format,
    status: state.status,
    split: state.split,
    seed: state.seed,
    order: state.order,
    dedupe: state.dedupe,
    images: state.reencode ? { mode: 'reencode', maxSide: state.maxSide } : { mode: 'copy' },
    promptImage: state.promptImage,
    name: state.name,
    filter: state.tiers.length > 0 && state.tiers.length < 3 ? { tiers: state.tiers } : {}
  }
  return { state, set, options }
}

/** `<project>/exports/<name>-<format>-<yyyymmdd-hhmmss>`: a new folder per export. */
export function defaultExportFolder(projectDir: string, state: ExportFormState, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${projectDir}/exports/${state.name}-${state.format}-${stamp}`
}
