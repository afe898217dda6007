import { describe, expect, it } from 'vitest'

import { parseNvidiaSmi, probeGpuMemory } from './gpu-memory'

const MIB = 1024 * 1024

describe('parseNvidiaSmi', () => {
  it('reads one GPU a line, memory in MiB', () => {
    const text = 'NVIDIA H100 80GB HBM3, 80511, 81559\nNVIDIA GeForce RTX 4090, 23000, 24564\n'
    expect(parseNvidiaSmi(text)).toEqual([
      { name: 'NVIDIA H100 80GB HBM3', freeBytes: 80511 * MIB, totalBytes: 81559 * MIB },
      { name: 'NVIDIA GeForce RTX 4090', freeBytes: 23000 * MIB, totalBytes: 24564 * MIB }
    ])
  })

  it('skips what does not read as a GPU (memory not reported, a warning line)', () => {
    const text = 'NVIDIA A100-SXM4-80GB, [N/A], [N/A]\nWARNING: infoROM is corrupted\n'
    expect(parseNvidiaSmi(text)).toEqual([])
  })
})

describe('probeGpuMemory', () => {
  it('answers a list, empty where no NVIDIA driver answers', async () => {
    const gpus = await probeGpuMemory()
    for (const gpu of gpus) expect(gpu.totalBytes).toBeGreaterThanOrEqual(gpu.freeBytes)
    expect(Array.isArray(gpus)).toBe(true)
  })
})
