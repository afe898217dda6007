import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { readGgufHeader } from './gguf-reader'
import { encodeGgufHeader } from './gguf-writer'
import { TEST_MODEL_MARKER, isTestModelFile, writeTestVlm } from './tiny-vlm'
import { TINY_VOCAB } from './tiny-vlm-vocab'

const dir = mkdtempSync(join(tmpdir(), 'tiny-vlm-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('GGUF writer and the tiny test VLM', () => {
  it('writes a text model and projector with the keys and tensors llama.cpp needs', () => {
    const files = writeTestVlm(join(dir, 'a'), { seed: 1 })
    const text = readGgufHeader(files.model)
    expect(text.version).toBe(3)
    expect(text.metadata.get('general.architecture')).toBe('llama')
    expect(text.metadata.get('llama.embedding_length')).toBe(128)
    const tokens = text.metadata.get('tokenizer.ggml.tokens') as string[]
    expect(tokens).toHaveLength(TINY_VOCAB.length)
    // Byte fallback for any prompt, then the readable pieces its answers are made of.
    expect(tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>'])
    expect(tokens).toContain('\u2581circle')
    expect(tokens).toContain('\u25817')
    expect(text.tensors).toHaveLength(21)
    expect(text.tensors.find((t) => t.name === 'token_embd.weight')?.ne).toEqual([
      128,
      TINY_VOCAB.length
    ])
    const proj = readGgufHeader(files.mmproj)
    expect(proj.metadata.get('clip.projector_type')).toBe('mlp')
    expect(proj.metadata.get('clip.vision.image_mean')).toEqual([0.5, 0.5, 0.5])
    expect(proj.tensors).toHaveLength(39)
    expect(proj.tensors.find((t) => t.name === 'mm.2.weight')?.ne).toEqual([128, 128])
    // Offsets are 32-byte aligned and increasing.
    for (const t of [...text.tensors, ...proj.tensors]) expect(t.offset % 32).toBe(0)
  })

  it('labels both files as a test model', () => {
    const files = writeTestVlm(join(dir, 'b'), { seed: 2 })
    expect(String(readGgufHeader(files.model).metadata.get('general.name'))).toContain(
      TEST_MODEL_MARKER
    )
    expect(isTestModelFile(files.model)).toBe(true)
    expect(isTestModelFile(files.mmproj)).toBe(true)
    expect(files.isTestModel).toBe(true)
  })

  it('is deterministic per seed and differs across seeds', () => {
    const a = writeTestVlm(join(dir, 's1'), { seed: 7 })
    const b = writeTestVlm(join(dir, 's2'), { seed: 7 })
    const c = writeTestVlm(join(dir, 's3'), { seed: 8 })
    expect(readFileSync(a.model).equals(readFileSync(b.model))).toBe(true)
    expect(readFileSync(a.mmproj).equals(readFileSync(b.mmproj))).toBe(true)
    expect(readFileSync(a.model).equals(readFileSync(c.model))).toBe(false)
  })

  it('pads the header to the alignment and rejects a foreign file', () => {
    const header = encodeGgufHeader({
      kv: [['general.architecture', { type: 'string', value: 'llama' }]],
      tensors: [{ name: 'x', ne: [3], data: () => new Float32Array(3) }]
    })
    expect(header.length % 32).toBe(0)
    expect(header.subarray(0, 4).toString()).toBe('GGUF')
    const notGguf = join(dir, 'not.gguf')
    writeFileSync(notGguf, 'hello world, not a model')
    expect(() => readGgufHeader(notGguf)).toThrow(/not a GGUF/)
    expect(isTestModelFile(notGguf)).toBe(false)
  })
})
