import { VlmClient, staticTarget } from '../../src-main/services/inference/vlm-client'
import type { ChatRequest } from '../../src-main/services/inference/vlm-client'

export type Load = { tokens: number; seconds: number; requests: number }

/**
 * Sends every request with exactly `concurrency` in flight (a new one starts the moment one
 * ends): concurrency = -np is the server's saturating load, 1 is a plain sequential script.
 */
export async function drive(
  endpoint: { url: string; apiKey: string },
  requests: readonly ChatRequest[],
  concurrency: number
): Promise<Load> {
  const client = new VlmClient(staticTarget(endpoint.url, endpoint.apiKey), {
    maxConcurrency: concurrency,
    retries: 0
  })
  let next = 0
  let tokens = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const request = requests[next++]!
        tokens += (await client.chat(request)).completionTokens
      }
    })
  )
  return { tokens, seconds: (performance.now() - started) / 1000, requests: requests.length }
}
