import { readFileSync } from 'node:fs'

import { VlmClient, staticTarget } from '../../src-main/services/inference/vlm-client'
import type { ChatRequest } from '../../src-main/services/inference/vlm-client'

export type Load = { tokens: number; seconds: number; requests: number; cpuSeconds?: number }

/** CPU seconds (user + system) used so far by a process, from /proc; 0 when unreadable. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/**
 * Runs `phase` and adds the CPU seconds that the server process and this process spent on it:
 * tokens per CPU second does not depend on how busy the rest of the machine is.
 */
export async function withCpu(serverPid: number, phase: () => Promise<Load>): Promise<Load> {
  const server = processCpuSeconds(serverPid)
  const self = process.cpuUsage()
  const load = await phase()
  const used = process.cpuUsage(self)
  const cpuSeconds = processCpuSeconds(serverPid) - server + (used.user + used.system) / 1_000_000
  return { ...load, cpuSeconds }
}

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
        // Await first: `tokens += await …` would read `tokens` before the await and lose the
        // additions of the other workers.
        const result = await client.chat(request)
        tokens += result.completionTokens
      }
    })
  )
  return { tokens, seconds: (performance.now() - started) / 1000, requests: requests.length }
}
