import { readFileSync } from 'node:fs'

import type { Command } from 'commander'

import { resolveSidecarBinary } from '../../services/inference/binary-resolution'
import { LlamaServer } from '../../services/inference/llama-server'
import { isTestModelFile } from '../../services/inference/tiny-vlm'
import { VlmClient, staticTarget } from '../../services/inference/vlm-client'
import type { ChatResult } from '../../services/inference/vlm-client'
import { fail, info, printJson } from '../output'
import { collect, parsePositiveInt } from '../parse'

type InferOptions = {
  model?: string
  mmproj?: string
  image: string[]
  question: string
  maxTokens: number
  topLogprobs: number
  temperature: number
  seed?: number
  endpoint?: string
  apiKey?: string
  ctx: number
  gpuLayers?: string
  json?: boolean
}

function toJson(result: ChatResult, isTestModel: boolean): Record<string, unknown> {
  return {
    text: result.text,
    completion_tokens: result.completionTokens,
    prompt_tokens: result.promptTokens,
    finish_reason: result.finishReason,
    logprobs: (result.logprobs ?? []).map((t) => ({
      token: t.token,
      logprob: t.logprob,
      top_logprobs: t.top
    })),
    is_test_model: isTestModel
  }
}

export function registerInfer(program: Command): void {
  program
    .command('infer')
    .description(
      'Ask a VLM one question about one or more images (starts a sidecar unless --endpoint)'
    )
    .option('--model <gguf>', 'text model GGUF (local sidecar)')
    .option('--mmproj <gguf>', 'projector GGUF (local sidecar)')
    .requiredOption('--image <file>', 'image file; repeat for several', collect, [])
    .requiredOption('--question <text>', 'the question')
    .option('--max-tokens <n>', 'tokens to generate at most', parsePositiveInt, 64)
    .option('--top-logprobs <k>', 'alternatives per token in logprobs (0: none)', Number, 5)
    .option('--temperature <t>', 'sampling temperature (0: greedy)', Number, 0)
    .option('--seed <n>', 'sampling seed', Number)
    .option('--endpoint <url>', 'an OpenAI-compatible server to use instead of a local sidecar')
    .option('--api-key <key>', 'API key for --endpoint')
    .option('--ctx <n>', 'context tokens for the local sidecar', parsePositiveInt, 4096)
    .option('--gpu-layers <n|all>', 'layers to offload to the GPU (local sidecar)')
    .option('--json', 'print {"text","completion_tokens","prompt_tokens","logprobs"}')
    .action(async (opts: InferOptions) => {
      let server: LlamaServer | null = null
      const stopAndExit = (): void => {
        void (server?.stop() ?? Promise.resolve()).then(() => process.exit(130))
      }
      process.once('SIGINT', stopAndExit)
      process.once('SIGTERM', stopAndExit)
      try {
        const images = opts.image.map((file) => new Uint8Array(readFileSync(file)))
        let client: VlmClient
        let isTestModel = false
        if (opts.endpoint) {
          client = new VlmClient(staticTarget(opts.endpoint, opts.apiKey), { retries: 2 })
        } else {
          if (!opts.model) throw new Error('--model is required without --endpoint')
          const binary = resolveSidecarBinary()
          if (!binary) throw new Error('No llama-server found: run `delta-studio sidecar build`')
          isTestModel = isTestModelFile(opts.model)
          const gpuLayers =
            opts.gpuLayers === 'all' ? 'all' : opts.gpuLayers ? Number(opts.gpuLayers) : undefined
          const sidecar = new LlamaServer({
            binary: binary.path,
            backend: binary.backend,
            model: opts.model,
            mmproj: opts.mmproj,
            slots: 1,
            ctxPerSlot: opts.ctx,
            gpuLayers
          })
          server = sidecar
          info(`starting llama-server (${binary.path})…`)
          await sidecar.start()
          client = new VlmClient(
            { resolve: (signal) => sidecar.waitUntilReady(signal) },
            { maxConcurrency: 1 }
          )
        }
        const result = await client.chat({
          images,
          question: opts.question,
          maxTokens: opts.maxTokens,
          temperature: opts.temperature,
          seed: opts.seed,
          topLogprobs: opts.topLogprobs > 0 ? opts.topLogprobs : undefined
        })
        if (opts.json) printJson(toJson(result, isTestModel))
        else {
          if (isTestModel) info('(test model: random weights, the answer is meaningless)')
          process.stdout.write(`${result.text}\n`)
          info(`${result.promptTokens} prompt tokens, ${result.completionTokens} completion tokens`)
        }
        await server?.stop()
      } catch (error) {
        await server?.stop()
        if (server && !opts.json) info(server.logs(10).join('\n'))
        fail(error)
      }
    })
}
