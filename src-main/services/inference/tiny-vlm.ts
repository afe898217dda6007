import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { userCacheDir } from '../../platform/paths'
import { readGgufHeader } from './gguf-reader'
import { writeGguf } from './gguf-writer'
import type { GgufTensor, GgufValue } from './gguf-writer'
import { seededNormals } from './seeded-random'
import {
  EOS_TOKEN_ID,
  FIRST_READABLE_ID,
  TINY_TOKEN_TYPES,
  TINY_VOCAB as VOCAB
} from './tiny-vlm-vocab'

/** Bump when the generated files change, so cached copies are regenerated. */
export const TINY_VLM_GENERATOR_VERSION = 2

/** Written into `general.name` of both files; the studio labels any model carrying it as a test model. */
export const TEST_MODEL_MARKER = 'delta-studio tiny test VLM'

/** Sizes of the generated pair (llama.cpp §5.5 of llama-server.md for the defaults). */
export type VlmShape = {
  readonly text: { embd: number; heads: number; ffn: number; layers: number; ctx: number }
  readonly vision: {
    width: number
    heads: number
    ffn: number
    layers: number
    imageSize: number
    patch: number
    projHidden: number
  }
}

/** About 1.8 MB in all; loads in about 0.1 s and decodes at about 2000 tok/s on 2 CPU cores. */
export const TINY_SHAPE: VlmShape = {
  text: { embd: 128, heads: 4, ffn: 256, layers: 2, ctx: 4096 },
  vision: { width: 64, heads: 4, ffn: 96, layers: 2, imageSize: 32, patch: 8, projHidden: 128 }
}

/** Realistic sizes for throughput benches: ~1.1 B text (TinyLlama-like), ~300 M ViT-L/14 tower. */
export const BENCH_SHAPE: VlmShape = {
  text: { embd: 2048, heads: 16, ffn: 5632, layers: 22, ctx: 4096 },
  vision: {
    width: 1024,
    heads: 16,
    ffn: 4096,
    layers: 24,
    imageSize: 336,
    patch: 14,
    projHidden: 2048
  }
}

export type TestVlmFiles = { model: string; mmproj: string; isTestModel: true }

const WEIGHT_GAIN = 1
// Sharp attention (query·key logits with a std of about 16) makes some heads lock onto single
// image tokens, so different images change the greedy answer, not only the logprobs.
const QK_GAIN = 4

// End-of-sequence gets this gain on its output row: it then wins about one step in ten, so
// answers end on their own at varying lengths instead of always running to max_tokens.
const EOS_GAIN = 2.2

const u32 = (value: number): GgufValue => ({ type: 'u32', value })
const f32 = (value: number): GgufValue => ({ type: 'f32', value })
const bool = (value: boolean): GgufValue => ({ type: 'bool', value })
const str = (value: string): GgufValue => ({ type: 'string', value })

function tensorFactory(seed: number) {
  // Fan-in scaling (std = gain / sqrt(fan_in)) rather than a flat 0.02: with 0.02 the attention
  // and projector outputs vanish next to the residual stream, so the next token depends on the
  // last text token only and every image gets the same greedy answer.
  const random = (name: string, ne: number[], gain = WEIGHT_GAIN): GgufTensor => ({
    name,
    ne,
    data: () => {
      const fanIn = ne.slice(0, -1).reduce((a, b) => a * b, 1)
      return seededNormals(
        seed,
        name,
        ne.reduce((a, b) => a * b, 1),
        gain / Math.sqrt(fanIn)
      )
    }
  })
  const fill = (name: string, ne: number[], value: number): GgufTensor => ({
    name,
    ne,
    data: () => new Float32Array(ne.reduce((a, b) => a * b, 1)).fill(value)
  })
  return {
    random,
    ones: (n: string, ne: number[]) => fill(n, ne, 1),
    zeros: (n: string, ne: number[]) => fill(n, ne, 0)
  }
}

/**
 * Zeroes the output rows of the control and byte tokens (their logit is then always 0, below the
 * best of ~130 random word logits), so only words, digits, punctuation and end-of-sequence are
 * ever emitted; end-of-sequence gets EOS_GAIN.
 */
function outputHead(random: GgufTensor): GgufTensor {
  const [embd] = random.ne as [number, number]
  return {
    ...random,
    data: () => {
      const data = random.data()
      for (let token = 0; token < FIRST_READABLE_ID; token++) {
        const row = data.subarray(token * embd, (token + 1) * embd)
        if (token === EOS_TOKEN_ID) for (let i = 0; i < embd; i++) row[i] = row[i]! * EOS_GAIN
        else row.fill(0)
      }
      return data
    }
  }
}

function textModel(seed: number, shape: VlmShape) {
  const { embd: E, heads: H, ffn: F, layers: L, ctx } = shape.text
  const t = tensorFactory(seed)
  const tensors: GgufTensor[] = [
    t.random('token_embd.weight', [E, VOCAB.length]),
    t.ones('output_norm.weight', [E]),
    // An untied output head: with logits = h·token_embdᵀ the likeliest next token is the last
    // token itself (a vector is closest to itself), so every answer would repeat the prompt's end.
    outputHead(t.random('output.weight', [E, VOCAB.length]))
  ]
  for (let i = 0; i < L; i++) {
    const p = `blk.${i}.`
    tensors.push(t.ones(`${p}attn_norm.weight`, [E]), t.ones(`${p}ffn_norm.weight`, [E]))
    for (const n of ['attn_q', 'attn_k', 'attn_v', 'attn_output'])
      tensors.push(
        t.random(`${p}${n}.weight`, [E, E], n === 'attn_q' || n === 'attn_k' ? QK_GAIN : 1)
      )
    tensors.push(
      t.random(`${p}ffn_gate.weight`, [E, F]),
      t.random(`${p}ffn_up.weight`, [E, F]),
      t.random(`${p}ffn_down.weight`, [F, E])
    )
  }
  const kv: Array<[string, GgufValue]> = [
    ['general.architecture', str('llama')],
    ['general.name', str(`${TEST_MODEL_MARKER} (random weights, seed ${seed})`)],
    ['general.file_type', u32(0)],
    ['llama.context_length', u32(ctx)],
    ['llama.embedding_length', u32(E)],
    ['llama.block_count', u32(L)],
    ['llama.feed_forward_length', u32(F)],
    ['llama.attention.head_count', u32(H)],
    ['llama.attention.head_count_kv', u32(H)],
    ['llama.attention.layer_norm_rms_epsilon', f32(1e-5)],
    ['llama.rope.dimension_count', u32(E / H)],
    ['tokenizer.ggml.model', str('llama')],
    ['tokenizer.ggml.tokens', { type: 'array-string', value: VOCAB }],
    ['tokenizer.ggml.scores', { type: 'array-f32', value: new Float32Array(VOCAB.length) }],
    ['tokenizer.ggml.token_type', { type: 'array-i32', value: TINY_TOKEN_TYPES }],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.add_bos_token', bool(true)]
  ]
  return { kv, tensors }
}

function projector(seed: number, shape: VlmShape) {
  const { width: E, heads: H, ffn: F, layers: L, imageSize, patch: P, projHidden: M } = shape.vision
  if (F === E)
    throw new Error(
      'Vision FFN width must differ from the embedding width (clip.cpp swaps them otherwise)'
    )
  const T = shape.text.embd
  const t = tensorFactory(seed ^ 0x5bd1e995)
  const tensors: GgufTensor[] = [
    t.random('v.patch_embd.weight', [P, P, 3, E]),
    t.zeros('v.patch_embd.bias', [E]),
    t.random('v.position_embd.weight', [E, (imageSize / P) ** 2])
  ]
  for (let i = 0; i < L; i++) {
    const p = `v.blk.${i}.`
    for (const n of ['attn_q', 'attn_k', 'attn_v', 'attn_out']) {
      tensors.push(t.random(`${p}${n}.weight`, [E, E]), t.zeros(`${p}${n}.bias`, [E]))
    }
    for (const n of ['ln1', 'ln2'])
      tensors.push(t.ones(`${p}${n}.weight`, [E]), t.zeros(`${p}${n}.bias`, [E]))
    tensors.push(t.random(`${p}ffn_up.weight`, [E, F]), t.zeros(`${p}ffn_up.bias`, [F]))
    tensors.push(t.random(`${p}ffn_down.weight`, [F, E]), t.zeros(`${p}ffn_down.bias`, [E]))
  }
  tensors.push(t.random('mm.0.weight', [E, M]), t.zeros('mm.0.bias', [M]))
  tensors.push(t.random('mm.2.weight', [M, T]), t.zeros('mm.2.bias', [T]))
  const kv: Array<[string, GgufValue]> = [
    ['general.architecture', str('clip')],
    ['general.name', str(`${TEST_MODEL_MARKER} projector (random weights, seed ${seed})`)],
    ['general.file_type', u32(0)],
    ['clip.has_vision_encoder', bool(true)],
    ['clip.has_text_encoder', bool(false)],
    ['clip.has_llava_projector', bool(true)],
    ['clip.projector_type', str('mlp')],
    ['clip.vision.image_size', u32(imageSize)],
    ['clip.vision.patch_size', u32(P)],
    ['clip.vision.embedding_length', u32(E)],
    ['clip.vision.feed_forward_length', u32(F)],
    ['clip.vision.projection_dim', u32(T)],
    ['clip.vision.block_count', u32(L)],
    ['clip.vision.attention.head_count', u32(H)],
    ['clip.vision.attention.layer_norm_epsilon', f32(1e-6)],
    ['clip.vision.image_mean', { type: 'array-f32', value: [0.5, 0.5, 0.5] }],
    ['clip.vision.image_std', { type: 'array-f32', value: [0.5, 0.5, 0.5] }],
    ['clip.use_gelu', bool(true)]
  ]
  return { kv, tensors }
}

/**
 * Writes a random-weight llama-architecture text GGUF and a matching LLaVA `mlp` mmproj into
 * `dir` (created if missing). The same seed and shape always give byte-identical files. Both
 * files carry TEST_MODEL_MARKER in `general.name`; their answers are meaningless words.
 */
export function writeTestVlm(
  dir: string,
  options: { seed?: number; shape?: VlmShape } = {}
): TestVlmFiles {
  const seed = options.seed ?? 0
  const shape = options.shape ?? TINY_SHAPE
  const out = resolve(dir)
  mkdirSync(out, { recursive: true })
  const model = join(out, 'tiny-text.gguf')
  const mmproj = join(out, 'tiny-mmproj.gguf')
  writeGguf(model, textModel(seed, shape))
  writeGguf(mmproj, projector(seed, shape))
  return { model, mmproj, isTestModel: true }
}

/**
 * The tiny test VLM for `seed`, generated once into the user cache (keyed by seed and generator
 * version) and reused afterwards. Safe to call from parallel test files: files appear atomically.
 */
export function ensureTinyVlm(seed = 0): TestVlmFiles {
  const dir = join(
    userCacheDir(),
    'test-models',
    `tiny-vlm-v${TINY_VLM_GENERATOR_VERSION}-seed${seed}`
  )
  const model = join(dir, 'tiny-text.gguf')
  const mmproj = join(dir, 'tiny-mmproj.gguf')
  if (existsSync(model) && existsSync(mmproj)) return { model, mmproj, isTestModel: true }
  return writeTestVlm(dir, { seed })
}

/** True when the GGUF at `path` was generated by this studio as a test model (unreadable: false). */
export function isTestModelFile(path: string): boolean {
  try {
    const name = readGgufHeader(path).metadata.get('general.name')
    return typeof name === 'string' && name.includes(TEST_MODEL_MARKER)
  } catch {
    return false
  }
}
