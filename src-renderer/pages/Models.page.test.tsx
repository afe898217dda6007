import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { FakeRpcError, fakeCore, renderPage } from '../test-utils/fakeCore'
import { ModelsPage } from './Models.page'

const settings = (over = {}) => ({
  settings: {
    model: null,
    mmproj: null,
    useTestModel: false,
    endpoints: [],
    slots: 2,
    ctxPerSlot: 2048,
    gpuLayers: 0,
    recentProjects: [],
    ...over
  },
  overrides: [],
  file: '/cfg/settings.json'
})
const info = (path: string, over = {}) => ({
  path,
  fileBytes: 1_500_000,
  architecture: 'llama',
  name: 'delta-studio tiny test VLM',
  parameters: 400_000,
  quantization: 'F32',
  contextLength: 4096,
  layers: 2,
  projectorType: null,
  isTestModel: true,
  ...over
})

describe('ModelsPage', () => {
  it(
    'names a model that is not a GGUF, uses the test model in one click, shows the binary found now',
    { timeout: 20_000 },
    async () => {
      let saved = settings()
      let binary = { path: null, source: null, backend: null, problem: 'No llama-server yet' }
      const core = fakeCore({
        'settings.get': () => saved,
        'settings.update': (patch) => (saved = settings(patch as object)),
        'models.inspect': (input) => {
          const { model, mmproj } = input as { model: string; mmproj?: string }
          if (!model.endsWith('tiny-text.gguf'))
            throw new FakeRpcError(
              'BAD_INPUT',
              `model "${model}" is not a readable GGUF file: not a GGUF`
            )
          return {
            model: info(model),
            mmproj: mmproj ? info(mmproj, { architecture: 'clip', projectorType: 'mlp' }) : null,
            fit: {
              weightsBytes: 1_900_000,
              kvCacheBytes: 2_097_152,
              totalBytes: 3_997_152,
              ramBytes: 3_997_152,
              gpuBytes: 0,
              freeRamBytes: 8e9,
              totalRamBytes: 16e9,
              gpu: null,
              fits: true,
              note: 'against free RAM'
            }
          }
        },
        'models.testModel': () => ({
          model: '/cache/tiny-text.gguf',
          mmproj: '/cache/tiny-mmproj.gguf'
        }),
        'models.binary': () => binary,
        'sidecar.status': () => ({
          state: 'stopped',
          model: null,
          mmproj: null,
          isTestModel: false,
          slots: null,
          ctxPerSlot: null,
          backend: null,
          binary: null,
          url: null,
          pid: null,
          restarts: 0,
          lastError: null
        }),
        'sidecar.logs': () => ({ lines: [] }),
        'endpoints.list': () => []
      })
      renderPage(<ModelsPage />)
      expect((await screen.findByLabelText('Sidecar binary')).textContent).toBe(
        'No llama-server yet'
      )

      fireEvent.change(screen.getByRole('textbox', { name: 'Model (GGUF)' }), {
        target: { value: '/home/u/notes.txt' }
      })
      expect(
        await screen.findByText('model "/home/u/notes.txt" is not a readable GGUF file: not a GGUF')
      ).toBeTruthy()

      fireEvent.click(screen.getByRole('button', { name: 'Use the test model' }))
      await waitFor(() =>
        expect(core.callsOf('settings.update')).toEqual([
          {
            model: '/cache/tiny-text.gguf',
            mmproj: '/cache/tiny-mmproj.gguf',
            useTestModel: true,
            slots: 2,
            ctxPerSlot: 2048,
            gpuLayers: 0
          }
        ])
      )
      const details = await screen.findByRole('table', { name: 'Model details' })
      expect(details.textContent).toMatch(/Test model: random weights, meaningless answers/)
      expect(details.textContent).toMatch(/mlp/)
      expect(screen.getByLabelText('Fit').textContent).toBe('fits')

      // A build that finishes after start-up shows on the next look-up.
      binary = {
        path: '/cache/llama-server',
        source: 'cache',
        backend: 'cpu',
        problem: null
      } as never
      await waitFor(
        () =>
          expect(screen.getByLabelText('Sidecar binary').textContent).toBe('/cache/llama-server'),
        { timeout: 8_000 }
      )
    }
  )
})
