// `npm run bench:generate [-- --json] [-- --samples N --parallel NP --max-tokens T --rounds R]`
// [-- --model M --mmproj P | --bench-model]: in one process and against one llama-server with
// -np NP, compares (a) the studio's generate job, (b) a saturating client with exactly NP
// requests in flight and (c) a sequential client, all sending the same requests. Image variants
// are rendered before timing so all three measure inference only. Progress goes to stderr; the
// last stdout line is the JSON summary.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { mediaFilePath } from '../../src-main/media/media-paths'
import { sniffImageType } from '../../src-main/media/sniff-image-type'
import { openProjectFolder } from '../../src-main/services/project/project-folder'
import { ProjectSession } from '../../src-main/services/project/project-session'
import { EventBus } from '../../src-main/rpc/event-bus'
import { LlamaServer } from '../../src-main/services/inference/llama-server'
import { ensureSidecarBinary } from '../../src-main/services/inference/sidecar-build'
import {
  BENCH_SHAPE,
  ensureTinyVlm,
  isTestModelFile,
  writeTestVlm
} from '../../src-main/services/inference/tiny-vlm'
import type { ChatRequest } from '../../src-main/services/inference/vlm-client'
import { JobRunner } from '../../src-main/services/jobs/job-runner'
import { fillDemoProject } from '../../src-main/services/demo/demo-dataset'
import { ensureVariants } from '../../src-main/services/generate/ensure-variants'
import { generateJobKind } from '../../src-main/services/generate/generate-job'
import { recipeKeys } from '../../src-main/services/generate/generate-params'
import { selectSamples } from '../../src-main/store/generation-repo'
import { storeFor } from '../../src-main/store/store'
import { HQ_VARIANT } from '../../src-shared/domain/variant-keys'
import { log, median } from '../bench-cli'
import { drive, withCpu } from './clients'
import type { Load } from './clients'

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const num = (name: string, fallback: number): number => Number(arg(name) ?? fallback)

const SAMPLES = num('--samples', 32)
// 8 slots by default: the studio's point is keeping a server's slots full, and on 2 CPU cores
// 4 slots gain the server itself only ~1.5x over one request at a time.
const PARALLEL = num('--parallel', 8)
const MAX_TOKENS = num('--max-tokens', 96)
const ROUNDS = num('--rounds', 5)
const RECIPES = ['downsample:4']
const rate = (load: Load): number => load.tokens / load.seconds
const perCpu = (load: Load): number => load.tokens / (load.cpuSeconds ?? NaN)

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-generate-'))
  const model = arg('--model')
    ? { model: arg('--model')!, mmproj: arg('--mmproj')! }
    : process.argv.includes('--bench-model')
      ? writeTestVlm(join(root, 'bench-model'), { shape: BENCH_SHAPE })
      : ensureTinyVlm()
  const binary = await ensureSidecarBinary({
    onProgress: (p) => log(`building llama-server: ${p.stage} ${p.done ?? ''}/${p.total ?? ''}`)
  })
  const gpu = process.argv.includes('--gpu-layers') ? ('all' as const) : undefined
  const server = new LlamaServer({
    binary: binary.path,
    backend: binary.backend,
    model: model.model,
    mmproj: model.mmproj,
    slots: PARALLEL,
    ctxPerSlot: 2048,
    gpuLayers: gpu
  })
  const session = new ProjectSession()
  try {
    const endpoint = await server.start()
    log(`llama-server ready at ${endpoint.url} with -np ${PARALLEL} (${binary.backend})`)
    const project = openProjectFolder(join(root, 'project'), { create: 'must' })
    session.set(project)
    await fillDemoProject(project, { count: SAMPLES })
    const keys = recipeKeys({ recipes: RECIPES })
    const samples = selectSamples(project.db, {})
    const t0 = performance.now()
    const requests: ChatRequest[] = []
    const uri = (sha: string): { dataUri: string } => {
      const bytes = readFileSync(mediaFilePath(project.mediaDir, sha))
      return {
        dataUri: `data:${sniffImageType(bytes.subarray(0, 16))};base64,${bytes.toString('base64')}`
      }
    }
    for (const sample of samples) {
      const image = sample.images[0]!
      const variants = await ensureVariants(project.db, project.mediaDir, image, keys)
      for (const key of [HQ_VARIANT, ...keys]) {
        const sha = key === HQ_VARIANT ? image.sha256 : variants.get(key)!.sha256
        requests.push({
          images: [uri(sha)],
          question: sample.question,
          maxTokens: MAX_TOKENS,
          temperature: 0
        })
      }
    }
    const variantsSeconds = (performance.now() - t0) / 1000
    log(
      `${requests.length} requests over ${samples.length} samples; variants took ${variantsSeconds.toFixed(1)} s`
    )
    await drive(endpoint, requests.slice(0, PARALLEL * 2), PARALLEL) // warm-up

    const runner = new JobRunner({ session, bus: new EventBus() })
    runner.register(generateJobKind())
    const studio = async (round: number): Promise<Load> => {
      const started = performance.now()
      const id = runner.start('generate', {
        endpoints: [{ url: endpoint.url, apiKey: endpoint.apiKey, capacity: PARALLEL }],
        recipes: RECIPES,
        maxTokens: MAX_TOKENS,
        parallel: PARALLEL,
        // A distinct seed gives a distinct run, so every round asks every request again.
        seed: round
      })
      const job = await runner.whenFinished(id)
      if (job.status !== 'completed') throw new Error(`generate ${job.status}: ${job.error}`)
      const seconds = (performance.now() - started) / 1000
      const tokens = storeFor(project.db).responses.completionTokensOfRun(Number(job.stats!.run))
      return { tokens, seconds, requests: Number(job.stats!.responses) }
    }

    const rounds: Array<{
      saturated: number
      studio: number
      saturatedPerCpu: number
      studioPerCpu: number
    }> = []
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so neither side always runs first on a machine whose load varies.
      let saturated: Load
      let job: Load
      const pid = server.status.pid!
      if (round % 2 === 0) {
        saturated = await withCpu(pid, () => drive(endpoint, requests, PARALLEL))
        job = await withCpu(pid, () => studio(round))
      } else {
        job = await withCpu(pid, () => studio(round))
        saturated = await withCpu(pid, () => drive(endpoint, requests, PARALLEL))
      }
      rounds.push({
        saturated: rate(saturated),
        studio: rate(job),
        saturatedPerCpu: perCpu(saturated),
        studioPerCpu: perCpu(job)
      })
      log(
        `round ${round + 1}: saturated ${rate(saturated).toFixed(1)} tok/s, studio ${rate(job).toFixed(1)} tok/s (${job.requests} responses; tokens ${saturated.tokens} vs ${job.tokens}; seconds ${saturated.seconds.toFixed(2)} vs ${job.seconds.toFixed(2)})`
      )
    }
    const sequential = await withCpu(server.status.pid!, () => drive(endpoint, requests, 1))
    log(`sequential ${rate(sequential).toFixed(1)} tok/s`)
    // Paired rounds on a shared machine: the load of other processes swings between rounds, so
    // each round's studio/saturated ratio is taken against its own neighbour and the median
    // round is reported; rates are medians over rounds too.
    const studioRate = median(rounds.map((r) => r.studio))
    const saturatedRate = median(rounds.map((r) => r.saturated))
    const ratio = median(rounds.map((r) => r.studio / r.saturated))
    const summary = {
      studio_tokens_per_s: round1(studioRate),
      saturated_tokens_per_s: round1(saturatedRate),
      sequential_tokens_per_s: round1(rate(sequential)),
      ratio_vs_saturated: round3(ratio),
      ratio_method: 'median over paired rounds of studio/saturated',
      ratio_vs_sequential: round3(studioRate / rate(sequential)),
      // Tokens per CPU second of llama-server + this process: insensitive to other load.
      studio_tokens_per_cpu_s: round1(median(rounds.map((r) => r.studioPerCpu))),
      saturated_tokens_per_cpu_s: round1(median(rounds.map((r) => r.saturatedPerCpu))),
      sequential_tokens_per_cpu_s: round1(perCpu(sequential)),
      parallel: PARALLEL,
      samples: samples.length,
      requests: requests.length,
      max_tokens: MAX_TOKENS,
      rounds: rounds.map((r) => ({
        saturated: round1(r.saturated),
        studio: round1(r.studio),
        ratio: round3(r.studio / r.saturated)
      })),
      variants_seconds: round1(variantsSeconds),
      model: model.model,
      is_test_model: isTestModelFile(model.model),
      backend: binary.backend
    }
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary)}\n`)
    else process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
  } finally {
    await server.stop()
    session.close()
    rmSync(root, { recursive: true, force: true })
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10
const round3 = (n: number): number => Math.round(n * 1000) / 1000

await main()
