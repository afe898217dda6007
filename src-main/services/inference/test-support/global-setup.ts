import { ensureSidecarBinary } from '../sidecar-build'
import { ensureTinyVlm } from '../tiny-vlm'

/**
 * Vitest global setup: makes sure the CPU llama-server exists before any test file starts.
 * With a warm cache this takes milliseconds; on a fresh machine (CI) it compiles the bundled
 * llama.cpp once (about 8.5 minutes on 2 cores) while no test competes for the CPU.
 */
export default async function setup(): Promise<void> {
  let lastPercent = -10
  const binary = await ensureSidecarBinary({
    onProgress: (p) => {
      if (p.stage !== 'compile' || !p.total || p.done === undefined) return
      const percent = Math.floor((p.done / p.total) * 100)
      if (percent >= lastPercent + 10) {
        lastPercent = percent
        process.stderr.write(`[sidecar build] ${p.done}/${p.total}\n`)
      }
    }
  })
  if (binary.source === 'built') process.stderr.write(`[sidecar build] built ${binary.path}\n`)
  ensureTinyVlm(0)
}
