import { existsSync } from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SidecarStatusDto } from '../../../src-shared/contract/inference'
import { InferenceError } from './inference-errors'
import { LlamaServer, SidecarUnavailableError } from './llama-server'
import { ensureSidecarBinary } from './sidecar-build'
import { patternPng, processExists } from './test-support/test-images'
import { ensureTinyVlm } from './tiny-vlm'
import type { TestVlmFiles } from './tiny-vlm'
import { READABLE_PIECES } from './tiny-vlm-vocab'
import { VlmClient } from './vlm-client'

// The first run on a fresh machine compiles llama-server (about 8.5 minutes on 2 cores).
const BUILD_TIMEOUT_MS = 30 * 60_000

describe('LlamaServer with the real llama-server and the tiny VLM', () => {
  let binary: string
  let vlm: TestVlmFiles
  let server: LlamaServer
  let client: VlmClient
  const states: SidecarStatusDto['state'][] = []

  beforeAll(async () => {
    binary = (await ensureSidecarBinary()).path
    vlm = ensureTinyVlm(0)
    server = new LlamaServer(
      { binary, backend: 'cpu', ...vlm, slots: 2, ctxPerSlot: 2048, threads: 2 },
      (status) => states.push(status.state)
    )
    await server.start()
    client = new VlmClient(
      { resolve: (signal) => server.waitUntilReady(signal) },
      { maxConcurrency: 2 }
    )
  }, BUILD_TIMEOUT_MS)

  afterAll(async () => {
    await server?.stop()
  })

  it('starts: starting → loading → ready, with slots, context and the test-model label', async () => {
    expect(states.slice(0, 3)).toEqual(['starting', 'loading', 'ready'])
    const status = server.status
    expect(status).toMatchObject({
      state: 'ready',
      slots: 2,
      ctxPerSlot: 2048,
      isTestModel: true,
      backend: 'cpu'
    })
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // The API key guards everything but /health.
    const open = await fetch(`${status.url}/v1/models`)
    expect(open.status).toBe(401)
    expect((await fetch(`${status.url}/health`)).status).toBe(200)
  })

  it('answers one image with per-token logprobs', async () => {
    const result = await client.chat({
      images: [await patternPng(1)],
      question: 'What is in the picture?',
      maxTokens: 6,
      topLogprobs: 5,
      extra: { ignore_eos: true }
    })
    expect(result.completionTokens).toBe(6)
    expect(result.finishReason).toBe('length')
    // One entry per emitted piece: the server merges byte tokens of an unfinished UTF-8 character.
    expect(result.logprobs?.length).toBeGreaterThanOrEqual(1)
    expect(result.logprobs?.length).toBeLessThanOrEqual(6)
    for (const token of result.logprobs ?? []) {
      expect(token.logprob).toBeLessThanOrEqual(0)
      expect(token.top).toHaveLength(5)
    }
    expect(result.timings?.predictedPerSecond).toBeGreaterThan(0)
  })

  it('answers two images; each adds its 16 image tokens to the prompt', async () => {
    const question = 'Which image is sharper?'
    const one = await client.chat({ images: [await patternPng(1)], question, maxTokens: 1 })
    const two = await client.chat({
      images: [await patternPng(1), await patternPng(2)],
      question,
      maxTokens: 1
    })
    expect(two.promptTokens - one.promptTokens).toBeGreaterThanOrEqual(16)
    expect(two.completionTokens).toBe(1)
    expect(two.logprobs).toBeNull()
  })

  it('gives different greedy answers for different images', async () => {
    const texts = await Promise.all(
      [0, 1, 2, 3].map(async (v) => {
        const r = await client.chat({
          images: [await patternPng(v)],
          question: 'Describe it.',
          maxTokens: 8,
          extra: { ignore_eos: true, cache_prompt: false }
        })
        return r.text
      })
    )
    expect(new Set(texts).size).toBe(4)
  })

  it('answers in readable words and digits, ending at varying lengths', async () => {
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7].map(async (v) =>
        client.chat({
          images: [await patternPng(v)],
          question: 'What is written here?',
          maxTokens: 24,
          extra: { cache_prompt: false }
        })
      )
    )
    const pieces = new Set(READABLE_PIECES.map((p) => p.replace('\u2581', '')))
    for (const r of results) {
      // Only vocabulary words, digits and punctuation: no U+FFFD, no control characters.
      const words = r.text
        .replace(/([.,])/g, ' $1 ')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
      for (const word of words) expect(pieces, JSON.stringify(r.text)).toContain(word)
    }
    expect(new Set(results.map((r) => r.completionTokens)).size).toBeGreaterThan(2)
  })

  it('turns an undecodable image into a typed bad_image error', async () => {
    const error = await client
      .chat({
        images: [
          { dataUri: `data:image/png;base64,${Buffer.from('not an image').toString('base64')}` }
        ],
        question: 'x',
        maxTokens: 1
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InferenceError)
    expect(error).toMatchObject({ kind: 'bad_image', status: 400 })
  })

  it('turns an over-long prompt into a typed context_exceeded error', async () => {
    const error = await client
      .chat({ images: [await patternPng(1)], question: 'y'.repeat(3000), maxTokens: 1 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'context_exceeded', status: 400, details: { nCtx: 2048 } })
  })

  it('cancels a request when its AbortSignal fires', async () => {
    const controller = new AbortController()
    const pending = client.chat({
      images: [await patternPng(3)],
      question: 'Go on.',
      maxTokens: 1500,
      extra: { ignore_eos: true },
      signal: controller.signal
    })
    setTimeout(() => controller.abort(), 50)
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' })
  })

  it('restarts after SIGKILL mid-request and the retried request succeeds', async () => {
    const before = server.status
    const endpoint = server.endpoint
    if (!before.pid || !endpoint) throw new Error('server not ready')
    const pending = client.chat({
      images: [await patternPng(4)],
      question: 'Tell a long story.',
      maxTokens: 300,
      extra: { ignore_eos: true }
    })
    // Kill only once a slot is really processing this request.
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${endpoint.url}/slots`, {
        headers: { Authorization: `Bearer ${endpoint.apiKey}` }
      })
      const slots = (await res.json()) as Array<{ is_processing: boolean }>
      if (slots.some((s) => s.is_processing)) break
      await new Promise((r) => setTimeout(r, 10))
    }
    process.kill(before.pid, 'SIGKILL')
    const result = await pending
    expect(result.completionTokens).toBe(300)
    const after = server.status
    expect(after.state).toBe('ready')
    expect(after.restarts).toBe(1)
    expect(after.pid).not.toBe(before.pid)
    expect(processExists(before.pid)).toBe(false)
    expect(states).toContain('crashed')
    expect(server.logs().some((l) => l.includes('signal SIGKILL'))).toBe(true)
  })

  it('stop() leaves no process behind', async () => {
    const pid = server.status.pid
    if (!pid) throw new Error('server not running')
    await server.stop()
    expect(server.status.state).toBe('stopped')
    expect(processExists(pid)).toBe(false)
    expect(existsSync(`/proc/${pid}`)).toBe(false)
    await expect(server.waitUntilReady()).rejects.toBeInstanceOf(SidecarUnavailableError)
  })

  it('fails fast with the server log when the model cannot load', async () => {
    const broken = new LlamaServer({ binary, model: vlm.mmproj, slots: 1, ctxPerSlot: 512 })
    const error = await broken.start().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SidecarUnavailableError)
    expect(broken.status.state).toBe('failed')
    expect(broken.status.lastError).toMatch(/exit code 1/)
    await broken.stop()
    const missing = new LlamaServer({ binary: '/nonexistent/llama-server', model: vlm.model })
    await expect(missing.start()).rejects.toThrow(/cannot run \/nonexistent\/llama-server/)
    expect(missing.status.state).toBe('failed')
  })
})
