import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCore } from '../../app/compose'
import type { Core } from '../../app/compose'
import { coreCaller } from '../../app/test-support/core-caller'
import { userCacheDir } from '../../platform/paths'
import { writeTestVlm } from '../inference/tiny-vlm'

const root = mkdtempSync(join(tmpdir(), 'settings-'))
const home = join(root, 'home')
const savedHome = process.env.HOME
let core: Core
let call: ReturnType<typeof coreCaller>

beforeAll(() => {
  mkdirSync(join(home, 'models'), { recursive: true })
  // The sidecar cache stays where the test setup put it while HOME points elsewhere.
  process.env.XDG_CACHE_HOME ??= dirname(userCacheDir())
  process.env.HOME = home
  core = createCore({ host: 'memory', configDir: join(root, 'config') })
  call = coreCaller(core)
})
afterAll(async () => {
  process.env.HOME = savedHome
  delete process.env.DELTA_STUDIO_MODEL
  await core?.dispose()
  rmSync(root, { recursive: true, force: true })
})

describe('settings.*', () => {
  it('refuses a model that is not a GGUF by name and keeps what was saved', async () => {
    const vlm = writeTestVlm(join(home, 'models', 'tiny'))
    const saved = await call('settings.update', { model: vlm.model, mmproj: vlm.mmproj })
    expect(saved.settings).toMatchObject({ model: vlm.model, mmproj: vlm.mmproj })
    const file = readFileSync(saved.file, 'utf8')
    const notGguf = join(home, 'models', 'notes.gguf')
    writeFileSync(notGguf, 'just text')
    await expect(call('settings.update', { model: notGguf })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining(`model "${notGguf}" is not a readable GGUF file`)
    })
    expect(readFileSync(saved.file, 'utf8')).toBe(file)
    expect((await call('settings.get', {})).settings.model).toBe(vlm.model)
  })

  it('lets an environment variable override the saved model, and says so', async () => {
    process.env.DELTA_STUDIO_MODEL = '/opt/models/from-env.gguf'
    const got = await call('settings.get', {})
    expect(got.settings.model).toBe('/opt/models/from-env.gguf')
    expect(got.overrides).toEqual([
      { key: 'model', variable: 'DELTA_STUDIO_MODEL', value: '/opt/models/from-env.gguf' }
    ])
    delete process.env.DELTA_STUDIO_MODEL
  })

  it('remembers opened projects, most recent first', async () => {
    await call('project.create', { dir: join(root, 'p1') })
    await call('project.create', { dir: join(root, 'p2') })
    await call('project.open', { dir: join(root, 'p1') })
    const { settings } = await call('settings.get', {})
    expect(settings.recentProjects.slice(0, 2)).toEqual([join(root, 'p1'), join(root, 'p2')])
  })
})

describe('models.*', () => {
  it('reads GGUF metadata and estimates the fit of weights and KV cache', async () => {
    const vlm = writeTestVlm(join(home, 'models', 'inspect'))
    const small = await call('models.inspect', {
      model: vlm.model,
      mmproj: vlm.mmproj,
      slots: 2,
      ctxPerSlot: 1024
    })
    expect(small.model).toMatchObject({
      architecture: 'llama',
      quantization: 'F32',
      contextLength: 4096,
      layers: 2,
      isTestModel: true,
      projectorType: null
    })
    expect(small.model.parameters).toBeGreaterThan(100_000)
    expect(small.mmproj).toMatchObject({ architecture: 'clip', projectorType: 'mlp' })
    // 2 layers × 2048 tokens × 4 heads × (32 + 32) × 2 bytes.
    expect(small.fit.kvCacheBytes).toBe(2 * 2048 * 4 * 64 * 2)
    expect(small.fit.fits).toBe(true)
    const big = await call('models.inspect', { model: vlm.model, slots: 64, ctxPerSlot: 262_144 })
    expect(big.fit.kvCacheBytes).toBe(2 * 64 * 262_144 * 4 * 64 * 2)
    expect(big.fit.totalBytes).toBe(big.fit.weightsBytes + big.fit.kvCacheBytes)
    expect(big.fit.fits).toBe(big.fit.totalBytes * 1.1 <= big.fit.freeRamBytes)
  })

  it('puts the offloaded layers, their KV cache and the projector on the GPU', async () => {
    const vlm = writeTestVlm(join(home, 'models', 'offload'))
    const params = { model: vlm.model, mmproj: vlm.mmproj, slots: 2, ctxPerSlot: 1024 }
    const cpu = (await call('models.inspect', params)).fit
    expect(cpu).toMatchObject({ gpuBytes: 0, ramBytes: cpu.totalBytes })
    const half = (await call('models.inspect', { ...params, gpuLayers: 1 })).fit
    const mmprojBytes = statSync(vlm.mmproj).size
    const modelBytes = half.weightsBytes - mmprojBytes
    // 1 of the model's 2 layers: half the weights and half the KV cache, plus the projector.
    expect(half.gpuBytes).toBe(Math.round((modelBytes + half.kvCacheBytes) / 2) + mmprojBytes)
    expect(half.ramBytes + half.gpuBytes).toBe(half.totalBytes)
    const all = (await call('models.inspect', { ...params, gpuLayers: 999 })).fit
    expect(all.gpuBytes).toBe(all.totalBytes)
    if (all.gpu === null) {
      // Offloading asked for with no GPU to take it cannot fit, whatever the RAM.
      expect(all.fits).toBe(false)
      expect(all.note).toMatch(/no NVIDIA GPU answers/)
    } else expect(all.fits).toBe(all.gpuBytes * 1.1 <= all.gpu.freeBytes)
  })

  it('finds the sidecar binary on every call', async () => {
    const binary = await call('models.binary', {})
    // The test setup built (or found) the cached CPU build.
    expect(binary).toMatchObject({ source: 'cache', backend: 'cpu', problem: null })
  })
})

describe('files.list', () => {
  it('lists inside home and the project only; symlinks out are neither listed nor followed', async () => {
    symlinkSync('/etc', join(home, 'etc-link'))
    const top = await call('files.list', {})
    expect(top.roots.map((r) => r.label)).toContain('Home')
    const listing = await call('files.list', { dir: home })
    const names = listing.entries.map((e) => e.name)
    expect(names).toContain('models')
    expect(names).not.toContain('etc-link')
    await expect(call('files.list', { dir: '/etc' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(call('files.list', { dir: join(home, 'etc-link') })).rejects.toMatchObject({
      code: 'FORBIDDEN'
    })
    await expect(call('files.list', { dir: join(home, '..') })).rejects.toMatchObject({
      code: 'FORBIDDEN'
    })
    const models = await call('files.list', { dir: join(home, 'models') })
    const fromFile = await call('files.list', { dir: join(home, 'models', 'notes.gguf') })
    expect(fromFile.dir).toBe(models.dir)
    expect(models.parent).toBe(listing.dir)
    expect(listing.parent).toBeNull()
  })
})
