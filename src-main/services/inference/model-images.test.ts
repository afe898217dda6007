import sharp from 'sharp'
import type { Sharp } from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { LlamaServer } from './llama-server'
import { ensureSidecarBinary } from './sidecar-build'
import { patternPng } from './test-support/test-images'
import { ensureTinyVlm } from './tiny-vlm'
import { VlmClient } from './vlm-client'

const BUILD_TIMEOUT_MS = 30 * 60_000

/**
 * Every image a project accepts must reach the model in a form llama-server (stb_image) reads:
 * it reads PNG and JPEG, not WebP, TIFF or AVIF, which the client converts when sending.
 */
describe('images the inference server cannot load itself', () => {
  let server: LlamaServer
  let client: VlmClient

  beforeAll(async () => {
    const binary = (await ensureSidecarBinary()).path
    server = new LlamaServer({
      binary,
      backend: 'cpu',
      ...ensureTinyVlm(0),
      slots: 1,
      ctxPerSlot: 1024,
      threads: 1
    })
    await server.start()
    client = new VlmClient({ resolve: (signal) => server.waitUntilReady(signal) }, { retries: 0 })
  }, BUILD_TIMEOUT_MS)
  afterAll(async () => {
    await server?.stop()
  })

  const ask = (image: Uint8Array | { dataUri: string }) =>
    client.chat({ images: [image], question: 'What is it?', maxTokens: 2 })

  it.each([
    ['WebP', (s: Sharp) => s.webp()],
    ['TIFF', (s: Sharp) => s.tiff()],
    ['AVIF', (s: Sharp) => s.avif()]
  ] as const)('answers a %s image', async (_name, encode) => {
    const bytes = await encode(sharp(await patternPng(2))).toBuffer()
    const result = await ask(bytes)
    expect(result.completionTokens).toBeGreaterThan(0)
  })

  it('answers a WebP image given as a data URI', async () => {
    const webp = await sharp(await patternPng(3))
      .webp()
      .toBuffer()
    const result = await ask({ dataUri: `data:image/webp;base64,${webp.toString('base64')}` })
    expect(result.completionTokens).toBeGreaterThan(0)
  })
})
