import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SidecarStatusDto } from '../../src-shared/contract/inference'
import { createClient } from '../../src-shared/rpc/client'
import type { Client } from '../../src-shared/rpc/client'
import { createCore } from './compose'
import type { Core } from './compose'
import { createMemoryTransport } from '../transports/memory'
import { ensureSidecarBinary } from '../services/inference/sidecar-build'
import { patternPng, processExists } from '../services/inference/test-support/test-images'
import { ensureTinyVlm } from '../services/inference/tiny-vlm'

describe('sidecar.* and endpoints.* over RPC, with the real llama-server', () => {
  let core: Core
  let client: Client
  const events: SidecarStatusDto[] = []

  beforeAll(async () => {
    await ensureSidecarBinary()
    core = createCore({ host: 'memory' })
    client = createClient(createMemoryTransport(core))
    client.on('sidecar.status', (status) => events.push(status))
  }, 30 * 60_000)

  afterAll(async () => {
    await core?.dispose()
  })

  it('reports a stopped sidecar before any start', async () => {
    expect(await client.call('sidecar.status', {})).toMatchObject({ state: 'stopped', pid: null })
    expect(await client.call('endpoints.list', {})).toEqual([])
  })

  it('starts the sidecar, announces each state, and lists it as the local endpoint', async () => {
    const vlm = ensureTinyVlm(0)
    const status = await client.call('sidecar.start', {
      model: vlm.model,
      mmproj: vlm.mmproj,
      slots: 2,
      ctxPerSlot: 1024
    })
    expect(status).toMatchObject({ state: 'ready', isTestModel: true, slots: 2, ctxPerSlot: 1024 })
    expect(events.map((e) => e.state)).toEqual(
      expect.arrayContaining(['starting', 'loading', 'ready'])
    )
    const [local] = await client.call('endpoints.list', {})
    expect(local).toMatchObject({ id: 'local', kind: 'local', capacity: 2, url: status.url })
    const { lines } = await client.call('sidecar.logs', { limit: 500 })
    expect(lines.some((l) => l.includes('listening on'))).toBe(true)
    const result = await core.inference.pool.chat({
      images: [await patternPng(1)],
      question: 'Hi?',
      maxTokens: 3
    })
    expect(result).toMatchObject({ endpointId: 'local', completionTokens: 3 })
  })

  it('adds and removes a remote endpoint; rejects bad input and removing the local one', async () => {
    const added = await client.call('endpoints.add', {
      url: 'http://127.0.0.1:9/v1',
      capacity: 4,
      label: 'vLLM box'
    })
    expect(added).toMatchObject({ kind: 'remote', capacity: 4, label: 'vLLM box', inFlight: 0 })
    expect((await client.call('endpoints.list', {})).map((e) => e.id)).toContain(added.id)
    await expect(
      client.call('endpoints.add', { url: 'ftp://x', capacity: 1 })
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(client.call('endpoints.remove', { id: 'local' })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
    expect(await client.call('endpoints.remove', { id: added.id })).toEqual({ removed: true })
    expect(await client.call('endpoints.remove', { id: added.id })).toEqual({ removed: false })
  })

  it('stops the sidecar: no process left, stopped event, local endpoint gone', async () => {
    const pid = (await client.call('sidecar.status', {})).pid
    if (!pid) throw new Error('not running')
    const status = await client.call('sidecar.stop', {})
    expect(status.state).toBe('stopped')
    expect(processExists(pid)).toBe(false)
    expect(events.at(-1)?.state).toBe('stopped')
    expect(await client.call('endpoints.list', {})).toEqual([])
  })

  it('answers UNAVAILABLE with the log when the model cannot load', async () => {
    const vlm = ensureTinyVlm(0)
    await expect(client.call('sidecar.start', { model: vlm.mmproj })).rejects.toMatchObject({
      code: 'UNAVAILABLE'
    })
    expect((await client.call('sidecar.status', {})).state).toBe('failed')
  })
})
