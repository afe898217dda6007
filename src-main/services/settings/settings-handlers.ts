import { statSync } from 'node:fs'

import type { Handlers } from '../../rpc/router'
import { resolveSidecarBinary } from '../inference/binary-resolution'
import { ensureTinyVlm } from '../inference/tiny-vlm'
import type { ProjectSession } from '../project/project-session'
import { probeGpuMemory } from '../../platform/gpu-memory'
import { browseRoots, listFolder } from './file-browser'
import { estimateFit, readGgufInfo } from './gguf-info'
import type { SettingsStore } from './settings-store'

type SettingsMethods =
  | 'settings.get'
  | 'settings.update'
  | 'models.inspect'
  | 'models.binary'
  | 'models.testModel'
  | 'files.list'

/** App settings, model inspection, the sidecar binary lookup and the confined file browser. */
export function settingsHandlers(deps: {
  settings: SettingsStore
  session: ProjectSession
}): Pick<Handlers, SettingsMethods> {
  const { settings, session } = deps
  return {
    'settings.get': () => settings.effective(),
    'settings.update': (patch) => {
      // Checked before anything is saved: a wrong path leaves the settings as they were.
      if (patch.model) readGgufInfo(patch.model, 'model')
      if (patch.mmproj) readGgufInfo(patch.mmproj, 'mmproj')
      return settings.update(patch)
    },
    'models.inspect': async ({ model, mmproj, slots, ctxPerSlot, gpuLayers }) => {
      const info = readGgufInfo(model, 'model')
      const projector = mmproj ? readGgufInfo(mmproj, 'mmproj') : null
      const { header: _model, ...modelDto } = info
      const projectorDto = projector ? (({ header: _h, ...rest }) => rest)(projector) : null
      return {
        model: modelDto,
        mmproj: projectorDto,
        fit: estimateFit(info, projector ? statSync(projector.path).size : 0, slots, ctxPerSlot, {
          gpuLayers,
          gpus: await probeGpuMemory()
        })
      }
    },
    'models.binary': () => {
      try {
        const found = resolveSidecarBinary()
        return found
          ? { path: found.path, source: found.source, backend: found.backend, problem: null }
          : {
              path: null,
              source: null,
              backend: null,
              problem:
                'No llama-server yet: the first generation with a local model builds it (or run `delta-studio sidecar build`)'
            }
      } catch (error) {
        return { path: null, source: null, backend: null, problem: (error as Error).message }
      }
    },
    'models.testModel': () => {
      const files = ensureTinyVlm()
      return { model: files.model, mmproj: files.mmproj }
    },
    'files.list': ({ dir }) => {
      const roots = browseRoots(session.current?.dir ?? null)
      if (!dir) return { dir: null, parent: null, roots, entries: [] }
      const { name: _name, ...listing } = listFolder(dir, roots)
      return { ...listing, roots }
    }
  }
}
