import { freemem, totalmem } from 'node:os'
import { statSync } from 'node:fs'

import type { FitEstimateDto, GgufInfoDto } from '../../../src-shared/contract/settings'
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

/**
 * Memory the sidecar needs: the weights (file sizes) plus an f16 KV cache for every layer over
 * ctx × slots tokens, against the machine's free RAM. GPU memory is not probed: the estimate is
 * for CPU inference, and says so.
 */
export function estimateFit(
  model: GgufInfoDto & { header: GgufHeader },
  mmprojBytes: number,
  slots: number,
  ctxPerSlot: number
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
  const freeRamBytes = freemem()
  // Leave a tenth for compute buffers and the rest of the system.
  const fits = totalBytes * 1.1 <= freeRamBytes
  return {
    weightsBytes,
    kvCacheBytes,
    totalBytes,
    freeRamBytes,
    totalRamBytes: totalmem(),
    fits,
    note: `weights + f16 KV cache for ${slots} slot(s) × ${ctxPerSlot} tokens, against free RAM (GPU memory is not probed)`
  }
}
