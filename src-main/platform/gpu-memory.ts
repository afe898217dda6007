import { execFile } from 'node:child_process'

/** One NVIDIA GPU's memory, as its driver reports it. */
export type GpuMemory = {
  readonly name: string
  readonly freeBytes: number
  readonly totalBytes: number
}

const MIB = 1024 * 1024

/**
 * Parses `nvidia-smi --query-gpu=name,memory.free,memory.total --format=csv,noheader,nounits`
 * (one GPU a line, memory in MiB). Lines that do not read as a GPU are skipped: a driver that
 * prints "[N/A]" for memory (some MIG set-ups) has nothing to estimate with.
 */
export function parseNvidiaSmi(text: string): GpuMemory[] {
  return text.split('\n').flatMap((line) => {
    const cells = line.split(',').map((cell) => cell.trim())
    if (cells.length !== 3) return []
    const [name = '', free, total] = cells
    const freeMib = Number(free)
    const totalMib = Number(total)
    if (!name || !Number.isFinite(freeMib) || !Number.isFinite(totalMib) || totalMib <= 0) return []
    return [{ name, freeBytes: freeMib * MIB, totalBytes: totalMib * MIB }]
  })
}

/**
 * The machine's NVIDIA GPUs, asked of `nvidia-smi` (installed with every NVIDIA driver), or an
 * empty list where there is none, it does not answer within two seconds, or it fails. Other GPU
 * vendors expose no comparable tool on every platform, so they are not probed.
 */
export function probeGpuMemory(): Promise<GpuMemory[]> {
  return new Promise((resolve) => {
    execFile(
      'nvidia-smi',
      ['--query-gpu=name,memory.free,memory.total', '--format=csv,noheader,nounits'],
      { timeout: 2000, windowsHide: true },
      (error, stdout) => resolve(error ? [] : parseNvidiaSmi(stdout))
    )
  })
}
