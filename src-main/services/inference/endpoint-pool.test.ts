import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EndpointPool } from './endpoint-pool'
import { LlamaServer, freePort } from './llama-server'
import { ensureSidecarBinary } from './sidecar-build'
import { patternPng } from './test-support/test-images'
import { ensureTinyVlm } from './tiny-vlm'

const BUILD_TIMEOUT_MS = 30 * 60_000

describe('EndpointPool over two real llama-server sidecars', () => {
  const servers: LlamaServer[] = []

  beforeAll(async () => {
    const { path: binary } = await ensureSidecarBinary()
    const vlm = ensureTinyVlm(0)
    for (let i = 0; i < 2; i++) {
      servers.push(new LlamaServer({ binary, ...vlm, slots: 2, ctxPerSlot: 1024, threads: 1 }))
    }
    await Promise.all(servers.map((s) => s.start()))
  }, BUILD_TIMEOUT_MS)

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
  })

  function addServers(pool: EndpointPool): string[] {
    return servers.map((server, i) => {
      const endpoint = server.endpoint
      if (!endpoint) throw new Error('server not ready')
      return pool.add({ id: `s${i}`, url: endpoint.url, apiKey: endpoint.apiKey, capacity: 2 }).id
    })
  }

  it('shares a batch between two endpoints without exceeding their capacity', async () => {
    const pool = new EndpointPool()
    const ids = addServers(pool)
    let maxInFlight = 0
    const watch = setInterval(() => {
      for (const e of pool.list()) maxInFlight = Math.max(maxInFlight, e.inFlight)
    }, 2)
    const image = await patternPng(5)
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        pool.chat({
          images: [image],
          question: `Question ${i}?`,
          maxTokens: 40,
          extra: { ignore_eos: true }
        })
      )
    )
    clearInterval(watch)
    expect(results.every((r) => r.completionTokens === 40)).toBe(true)
    const perEndpoint = ids.map((id) => results.filter((r) => r.endpointId === id).length)
    expect(perEndpoint.every((n) => n >= 3)).toBe(true)
    expect(maxInFlight).toBeLessThanOrEqual(2)
    expect(pool.list().every((e) => e.inFlight === 0)).toBe(true)
  })

  it('sets a dead endpoint aside and serves every request on the live one', async () => {
    const pool = new EndpointPool()
    // A port nothing listens on: a real "connection refused", no fake server needed.
    const deadPort = await freePort()
    pool.add({ id: 'dead', url: `http://127.0.0.1:${deadPort}`, capacity: 4, retries: 0 })
    const live = servers[0]?.endpoint
    if (!live) throw new Error('server not ready')
    pool.add({ id: 'live', url: live.url, apiKey: live.apiKey, capacity: 2 })
    const image = await patternPng(6)
    const results = await Promise.all(
      Array.from({ length: 6 }, () => pool.chat({ images: [image], question: 'Hi?', maxTokens: 2 }))
    )
    expect(results.map((r) => r.endpointId)).toEqual(Array(6).fill('live'))
    const dead = pool.list().find((e) => e.id === 'dead')
    expect(dead?.setAsideUntil).toBeGreaterThan(Date.now())
    expect(dead?.lastError).toMatch(/ECONNREFUSED/)
  })

  it('fails with a typed error when no endpoint exists, and passes request errors through', async () => {
    const empty = new EndpointPool()
    await expect(empty.chat({ images: [], question: 'x' })).rejects.toMatchObject({
      kind: 'unavailable'
    })
    const pool = new EndpointPool()
    addServers(pool)
    const bad = { dataUri: `data:image/png;base64,${Buffer.from('nope').toString('base64')}` }
    await expect(pool.chat({ images: [bad], question: 'x', maxTokens: 1 })).rejects.toMatchObject({
      kind: 'bad_image'
    })
    expect(pool.list().every((e) => e.setAsideUntil === null)).toBe(true)
  })
})
