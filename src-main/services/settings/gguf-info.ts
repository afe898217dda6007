import { freemem, totalmem } from 'node:os'
import { statSync } from 'node:fs'

import type { FitEstimateDto, GgufInfoDto } from '../../../src-shared/contract/settings'
import type { GpuMemory } from '../../platform/gpu-memory'
import { RpcError } from '../../../src-shared/rpc/errors'
import { readGgufHeader } from '../inference/gguf-reader'
import type { GgufHeader } from '../inference/gguf-reader'
import { TEST_MODEL_MARKER } from '../inference/tiny-vlm'

/** llama.cpp `llama_ftype` values (general.file_type) and their usual names. */
const FILE_TYPES: Record<number, string> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16'
}

const num = (value: unknown): number | null =>
  typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : null
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/**
 * Reads a GGUF header and summarizes it for the Models page.
 * @throws RpcError BAD_INPUT naming the file when it is missing or not a GGUF.
 */
export function readGgufInfo(path: string, role = 'model'): GgufInfoDto & { header: GgufHeader } {
  let header: GgufHeader
  let fileBytes: number
  try {
    fileBytes = statSync(path).size
    header = readGgufHeader(path)
  } catch (error) {
    throw new RpcError(
      'BAD_INPUT',
      `${role} "${path}" is not a readable GGUF file: ${(error as Error).message}`
    )
  }
  const meta = header.metadata
  const arch = str(meta.get('general.architecture'))
  const name = str(meta.get('general.name'))
  const fileType = num(meta.get('general.file_type'))
  const parameters = header.tensors.reduce((n, t) => n + t.ne.reduce((a, b) => a * b, 1), 0)
  return {
    header,
    path,
    fileBytes,
    architecture: arch,
    name,
    parameters,
    quantization: fileType === null ? null : (FILE_TYPES[fileType] ?? `type ${fileType}`),
    contextLength: arch ? num(meta.get(`${arch}.context_length`)) : null,
    layers: arch ? num(meta.get(`${arch}.block_count`)) : null,
    projectorType: str(meta.get('clip.projector_type')),
    isTestModel: name?.includes(TEST_MODEL_MARKER) ?? false
  }
}

/** Where the sidecar's memory goes with `gpuLayers` of the model's layers offloaded. */
export type FitPlacement = { readonly gpuLayers: number; readonly gpus: readonly GpuMemory[] }

/**
 * Memory the sidecar needs: the weights (file sizes) plus an f16 KV cache for every layer over
 * ctx × slots tokens. With layers offloaded (`-ngl`), their share of the weights and of the KV
 * cache, and the projector, go to GPU memory (the first GPU's, which llama.cpp fills first); the
 * rest stays in RAM. Each side must fit in what is free, with a tenth spare for compute buffers.
 */
export function estimateFit(
  model: GgufInfoDto & { header: GgufHeader },
  mmprojBytes: number,
  slots: number,
  ctxPerSlot: number,
  placement: FitPlacement = { gpuLayers: 0, gpus: [] }
): FitEstimateDto {
  const meta = model.header.metadata
  const arch = model.architecture ?? ''
  const embd = num(meta.get(`${arch}.embedding_length`)) ?? 0
  const heads = num(meta.get(`${arch}.attention.head_count`)) ?? 1
  const kvHeads = num(meta.get(`${arch}.attention.head_count_kv`)) ?? heads
  const keyLength = num(meta.get(`${arch}.attention.key_length`)) ?? embd / heads
  const valueLength = num(meta.get(`${arch}.attention.value_length`)) ?? embd / heads
  const tokens = slots * ctxPerSlot
  const kvCacheBytes = Math.round(
    (model.layers ?? 0) * tokens * kvHeads * (keyLength + valueLength) * 2
  )
  const weightsBytes = model.fileBytes + mmprojBytes
  const totalBytes = weightsBytes + kvCacheBytes
  const layers = model.layers ?? 0
  const share =
    placement.gpuLayers <= 0 ? 0 : layers > 0 ? Math.min(placement.gpuLayers, layers) / layers : 1
  const gpuBytes =
    share === 0 ? 0 : Math.round(share * (model.fileBytes + kvCacheBytes)) + mmprojBytes
  const ramBytes = totalBytes - gpuBytes
  const gpu = placement.gpus[0] ?? null
  const freeRamBytes = freemem()
  const ramFits = ramBytes * 1.1 <= freeRamBytes
  const gpuFits = gpuBytes === 0 || (gpu !== null && gpuBytes * 1.1 <= gpu.freeBytes)
  const where =
    share === 0
      ? 'CPU inference (0 GPU layers)'
      : gpu
        ? `${Math.round(share * 100)} % of the layers and the projector on ${gpu.name}`
        : `${placement.gpuLayers} GPU layers asked for, but no NVIDIA GPU answers (nvidia-smi)`
  return {
    weightsBytes,
    kvCacheBytes,
    totalBytes,
    ramBytes,
    gpuBytes,
    freeRamBytes,
    totalRamBytes: totalmem(),
    gpu: gpu ? { name: gpu.name, freeBytes: gpu.freeBytes, totalBytes: gpu.totalBytes } : null,
    fits: ramFits && gpuFits,
    note: `weights + f16 KV cache for ${slots} slot(s) × ${ctxPerSlot} tokens; ${where}`
  }
}
