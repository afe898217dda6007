import { useEffect, useState } from 'react'

import { useRpcQuery } from '../../../api/hooks'
import type { ModelSourceKind, ModelSourceState } from './modelSource'

export type ModelSource = ModelSourceState & {
  parallel: number
  ctxPerSlot: number
  set: (patch: Partial<ModelSourceState & { parallel: number; ctxPerSlot: number }>) => void
}

/**
 * The model choice of a job form, prefilled from the app settings (Models page) once they load:
 * the test model when chosen there, else the saved local model, else the saved endpoints.
 */
export function useModelSource(): ModelSource {
  const settings = useRpcQuery('settings.get', {})
  const [state, setState] = useState<ModelSourceState & { parallel: number; ctxPerSlot: number }>({
    source: 'test',
    model: '',
    mmproj: '',
    endpoints: '',
    gpuLayers: 0,
    parallel: 2,
    ctxPerSlot: 2048
  })
  const saved = settings.data?.settings
  useEffect(() => {
    if (!saved) return
    const source: ModelSourceKind = saved.useTestModel
      ? 'test'
      : saved.model
        ? 'local'
        : saved.endpoints.length
          ? 'endpoints'
          : 'test'
    setState({
      source,
      model: saved.model ?? '',
      mmproj: saved.mmproj ?? '',
      endpoints: saved.endpoints.map((e) => e.url).join('\n'),
      gpuLayers: saved.gpuLayers,
      parallel: saved.slots,
      ctxPerSlot: saved.ctxPerSlot
    })
  }, [saved])
  return { ...state, set: (patch) => setState((s) => ({ ...s, ...patch })) }
}
