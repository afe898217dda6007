// `npm run bench:judge [-- --json] [-- --pairs N --parallel NP --rounds R --top-logprobs K]`:
// in one process and against one llama-server with -np NP, compares judgements per second of
// (a) the studio's `judge` job (both orders of every pair), (b) a saturating client with exactly
// NP of the same requests in flight and (c) a sequential client. The requests are built once
// from the same template and images the job uses, so all three send the same bytes and measure
// inference plus, for the job, its own reading and writing. Progress goes to stderr; the last
// stdout line is the JSON summary.
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
import { ensureTinyVlm, isTestModelFile } from '../../src-main/services/inference/tiny-vlm'
import type { ChatRequest } from '../../src-main/services/inference/vlm-client'
import { JobRunner } from '../../src-main/services/jobs/job-runner'
import { verdictRequest } from '../../src-main/services/judge/ask-verdict'
import { judgeJobKind } from '../../src-main/services/judge/judge-jobs'
import { loadJudgeTemplate, renderTemplate } from '../../src-main/services/judge/prompt-template'
import { fillDemoProject } from '../../src-main/services/demo/demo-dataset'
import { storeFor } from '../../src-main/store/store'
import { argValue, log, median } from '../bench-cli'
import { drive, withCpu } from '../generate/clients'
import type { Load } from '../generate/clients'

const PAIRS = argValue('--pairs', 48)
const PARALLEL = argValue('--parallel', 8)
const ROUNDS = argValue('--rounds', 5)
const TOP = argValue('--top-logprobs', 20)

const rate = (load: Load): number => load.requests / load.seconds

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-judge-'))
  const model = ensureTinyVlm()
  const binary = await ensureSidecarBinary({
    onProgress: (p) => log(`building llama-server: ${p.stage} ${p.done ?? ''}/${p.total ?? ''}`)
  })
  const server = new LlamaServer({
    binary: binary.path,
    backend: binary.backend,
    model: model.model,
    mmproj: model.mmproj,
    slots: PARALLEL,
    ctxPerSlot: 2048
  })
  const session = new ProjectSession()
  try {
    const endpoint = await server.start()
    log(`llama-server ready at ${endpoint.url} with -np ${PARALLEL} (${binary.backend})`)
    const project = openProjectFolder(join(root, 'project'), { create: 'must' })
    session.set(project)
    await fillDemoProject(project, { count: PAIRS })
    const store = storeFor(project.db)
    const sampleIds = store.samples.list({}, null, PAIRS).rows.map((s) => s.id)
    store.pairs.createMany(
      sampleIds.map((sampleId, i) => ({
        sampleId,
        origin: 'manual' as const,
        chosenText: `There are ${i % 7} small marks near the top left corner.`,
        rejectedText: `I see ${(i % 7) + 1} marks, maybe more, it is hard to tell.`
      }))
    )
    // The exact requests the job sends: both orders of every pair.
    const template = await loadJudgeTemplate('judge-answers', store.promptTemplates)
    const requests: ChatRequest[] = []
    for (const pair of store.judgements.pairsToJudge(store.judgements.pairIds({}))) {
      const images = pair.images.map((sha) => {
        const bytes = readFileSync(mediaFilePath(project.mediaDir, sha))
        return {
          dataUri: `data:${sniffImageType(bytes.subarray(0, 16))};base64,${bytes.toString('base64')}`
        }
      })
      for (const [a, b] of [
        [pair.slotA, pair.slotB],
        [pair.slotB, pair.slotA]
      ] as const)
        requests.push(
          verdictRequest(
            renderTemplate(
              template.body,
              { question: pair.question, answer_a: a, answer_b: b },
              { images }
            ),
            TOP
          )
        )
    }
    log(`${requests.length} judgements over ${PAIRS} pairs`)
    await drive(endpoint, requests.slice(0, PARALLEL * 2), PARALLEL) // warm-up

    const runner = new JobRunner({ session, bus: new EventBus() })
    runner.register(judgeJobKind())
    const studio = async (): Promise<Load> => {
      const started = performance.now()
      const id = runner.start('judge', {
        endpoints: [{ url: endpoint.url, apiKey: endpoint.apiKey, capacity: PARALLEL }],
        parallel: PARALLEL,
        topLogprobs: TOP,
        rejudge: true
      })
      const job = await runner.whenFinished(id)
      if (job.status !== 'completed') throw new Error(`judge ${job.status}: ${job.error}`)
      return {
        tokens: 0,
        seconds: (performance.now() - started) / 1000,
        requests: 2 * Number(job.stats!.judged)
      }
    }

    const rounds: Array<{ saturated: number; studio: number }> = []
    const pid = server.status.pid!
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so neither side always runs first on a machine whose load varies.
      let saturated: Load
      let job: Load
      if (round % 2 === 0) {
        saturated = await withCpu(pid, () => drive(endpoint, requests, PARALLEL))
        job = await withCpu(pid, studio)
      } else {
        job = await withCpu(pid, studio)
        saturated = await withCpu(pid, () => drive(endpoint, requests, PARALLEL))
      }
      rounds.push({ saturated: rate(saturated), studio: rate(job) })
      log(
        `round ${round + 1}: saturated ${rate(saturated).toFixed(1)} judgements/s, studio ${rate(job).toFixed(1)} judgements/s (${job.requests} vs ${saturated.requests})`
      )
    }
    const sequential = await withCpu(pid, () => drive(endpoint, requests, 1))
    log(`sequential ${rate(sequential).toFixed(1)} judgements/s`)
    const studioRate = median(rounds.map((r) => r.studio))
    const summary = {
      studio_judgements_per_s: round1(studioRate),
      saturated_judgements_per_s: round1(median(rounds.map((r) => r.saturated))),
      sequential_judgements_per_s: round1(rate(sequential)),
      ratio_vs_saturated: round3(median(rounds.map((r) => r.studio / r.saturated))),
      ratio_method: 'median over paired rounds of studio/saturated',
      ratio_vs_sequential: round3(studioRate / rate(sequential)),
      parallel: PARALLEL,
      pairs: PAIRS,
      judgements: requests.length,
      top_logprobs: TOP,
      rounds: rounds.map((r) => ({
        saturated: round1(r.saturated),
        studio: round1(r.studio),
        ratio: round3(r.studio / r.saturated)
      })),
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
