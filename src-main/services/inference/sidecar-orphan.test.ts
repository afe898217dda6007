import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

import { describe, expect, it } from 'vitest'

import { ensureSidecarBinary } from './sidecar-build'
import { processExists } from './test-support/test-images'
import { ensureTinyVlm } from './tiny-vlm'

const HOST = new URL('./test-support/sidecar-host.ts', import.meta.url).pathname

describe('a SIGKILLed host', () => {
  it('takes its sidecar down with it (no orphaned llama-server)', async () => {
    const binary = (await ensureSidecarBinary()).path
    const vlm = ensureTinyVlm(0)
    const host = spawn(process.execPath, ['--import', 'tsx', HOST, binary, vlm.model, vlm.mmproj], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: host.stdout! }).once('line', resolve)
      host.once('exit', (code) => reject(new Error(`host exited early (${code})`)))
    })
    const { pid } = JSON.parse(line) as { pid: number }
    expect(processExists(pid)).toBe(true)

    host.kill('SIGKILL') // no exit handler runs: only the stdin pipe can tell the sidecar
    const deadline = Date.now() + 15_000
    while (processExists(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(processExists(pid)).toBe(false)
  }, 120_000)
})
