/**
 * Sidecar decode throughput at several slot counts (`-np`), with a random-weight VLM from the
 * project's own generator. Each run starts llama-server with N slots, sends N concurrent
 * requests (one image + a question, fixed output length via ignore_eos), and reports aggregate
 * generated tokens per second (sum of completion tokens / wall time) and the per-request decode
 * speed the server measured.
 *
 *   npx tsx bench/sidecar-throughput.ts --shape tiny --np 1,4,8,16 [--tokens 128] [--ngl 0|all]
 *     [--backend cpu|cuda] [--model-dir DIR] [--rounds 2]
 *
 * `--shape bench` is ~1.1 B text + ~300 M vision tower (F32, ~5.6 GB on disk): meant for a GPU.
 * Prints one JSON line per slot count.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

import { resolveSidecarBinary } from '../src-main/services/inference/binary-resolution'
import { LlamaServer } from '../src-main/services/inference/llama-server'
import { patternPng } from '../src-main/services/inference/test-support/test-images'
import { BENCH_SHAPE, TINY_SHAPE, writeTestVlm } from '../src-main/services/inference/tiny-vlm'
import type { SidecarBackend } from '../src-main/services/inference/sidecar-build'
import { VlmClient } from '../src-main/services/inference/vlm-client'

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'tiny' },
    np: { type: 'string', default: '1,4,8,16' },
    tokens: { type: 'string', default: '128' },
    ngl: { type: 'string', default: '0' },
    backend: { type: 'string' },
    'model-dir': { type: 'string' },
    rounds: { type: 'string', default: '2' }
  }
})

const shape = values.shape === 'bench' ? BENCH_SHAPE : TINY_SHAPE
const dir = values['model-dir'] ?? join('bench', 'results', `model-${values.shape}`)
const files = existsSync(join(dir, 'tiny-mmproj.gguf'))
  ? { model: join(dir, 'tiny-text.gguf'), mmproj: join(dir, 'tiny-mmproj.gguf') }
  : (() => {
      const started = Date.now()
      const written = writeTestVlm(dir, { seed: 0, shape })
      process.stderr.write(
        `generated ${values.shape} model in ${(Date.now() - started) / 1000} s\n`
      )
      return written
    })()
const binary = resolveSidecarBinary({ backend: values.backend as SidecarBackend | undefined })
if (!binary) throw new Error('No llama-server: run `delta-studio sidecar build` first')
const tokens = Number(values.tokens)
const ngl = values.ngl === 'all' ? 'all' : Number(values.ngl)
const image = await patternPng(1, 640, 480)

for (const np of values.np.split(',').map(Number)) {
  const server = new LlamaServer({
    binary: binary.path,
    ...files,
    slots: np,
    ctxPerSlot: 1024,
    gpuLayers: ngl,
    readyTimeoutMs: 600_000
  })
  await server.start()
  const client = new VlmClient({ resolve: (s) => server.waitUntilReady(s) }, { maxConcurrency: np })
  const ask = (i: number) =>
    client.chat({
      images: [image],
      question: `Question ${i}: what is in the image?`,
      maxTokens: tokens,
      extra: { ignore_eos: true, cache_prompt: false }
    })
  await ask(-1) // warm-up: first-use allocations and kernel loads are not part of the figure
  const rounds = Number(values.rounds)
  const started = performance.now()
  const results = []
  for (let r = 0; r < rounds; r++) {
    results.push(...(await Promise.all(Array.from({ length: np }, (_, i) => ask(r * np + i)))))
  }
  const seconds = (performance.now() - started) / 1000
  const generated = results.reduce((a, r) => a + r.completionTokens, 0)
  const perRequest = results.map((r) => r.timings?.predictedPerSecond ?? 0)
  process.stdout.write(
    `${JSON.stringify({
      shape: values.shape,
      backend: binary.backend,
      ngl: values.ngl,
      np,
      requests: results.length,
      tokensPerRequest: tokens,
      promptTokens: results[0]?.promptTokens,
      wallSeconds: Math.round(seconds * 100) / 100,
      aggregateTokensPerSecond: Math.round(generated / seconds),
      meanPerRequestDecodeTokensPerSecond: Math.round(
        perRequest.reduce((a, b) => a + b, 0) / perRequest.length
      )
    })}\n`
  )
  await server.stop()
}
