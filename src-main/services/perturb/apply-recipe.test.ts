import { createHash } from 'node:crypto'

import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { parseRecipe } from '../../../src-shared/domain/recipes'
import { applyRecipe } from './apply-recipe'
import { decodeInput } from './decode-input'
import { analysisLuma, analysisSize, psnr, ssim } from './metrics'
import { fromRaw } from './raw-image'
import { photoLike } from './synthetic-images'

const SHA = 'ab'.repeat(32)
const sha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

async function sourceJpeg(): Promise<Buffer> {
  return fromRaw(photoLike(320, 240, 11))
    .jpeg({ quality: 92 })
    .toBuffer()
}

describe('applyRecipe', () => {
  it('gives byte-identical output for the same bytes, recipe and seed', async () => {
    const bytes = await sourceJpeg()
    for (const text of [
      'downsample:4',
      'blur:2',
      'jpeg:20',
      'noise:25',
      'pixelate:8',
      'blur:2+jpeg:40+noise:5'
    ]) {
      const recipe = parseRecipe(text)
      // Two independent decodes, as two runs of a job would do.
      const a = await applyRecipe(await decodeInput(bytes, { item: 'a' }), recipe, SHA)
      const b = await applyRecipe(await decodeInput(Buffer.from(bytes), { item: 'b' }), recipe, SHA)
      expect(sha(a.encoded), text).toBe(sha(b.encoded))
    }
  })

  it('changes noise with the seed and with the source, never in place', async () => {
    const source = await decodeInput(await sourceJpeg(), { item: 's' })
    const before = sha(source.data)
    const seed0 = await applyRecipe(source, parseRecipe('noise:25'), SHA)
    const seed1 = await applyRecipe(source, parseRecipe('noise:25:seed=1'), SHA)
    const other = await applyRecipe(source, parseRecipe('noise:25'), 'cd'.repeat(32))
    expect(sha(seed0.encoded)).not.toBe(sha(seed1.encoded))
    expect(sha(seed0.encoded)).not.toBe(sha(other.encoded))
    expect(sha(source.data)).toBe(before)
  })

  it('adds noise of the requested standard deviation', async () => {
    const flat = { data: Buffer.alloc(200 * 200 * 3, 128), width: 200, height: 200 }
    const { raw } = await applyRecipe(flat, parseRecipe('noise:25'), SHA)
    let sum = 0
    let sq = 0
    for (const v of raw.data) {
      sum += v - 128
      sq += (v - 128) ** 2
    }
    const n = raw.data.length
    expect(Math.abs(sum / n)).toBeLessThan(0.5)
    expect(Math.sqrt(sq / n - (sum / n) ** 2)).toBeCloseTo(25, 0)
  })

  it('encodes PNG except after a final JPEG step, whose bytes are kept', async () => {
    const source = await decodeInput(await sourceJpeg(), { item: 's' })
    const jpeg = await applyRecipe(source, parseRecipe('blur:1+jpeg:30'), SHA)
    expect(jpeg.format).toBe('jpeg')
    expect((await sharp(jpeg.encoded).metadata()).format).toBe('jpeg')
    const png = await applyRecipe(source, parseRecipe('jpeg:30+blur:1'), SHA)
    expect(png.format).toBe('png')
    // What a reader decodes is exactly the pixels the metrics were computed on.
    const decoded = await sharp(png.encoded).raw().toBuffer()
    expect(sha(decoded)).toBe(sha(png.raw.data))
  })

  it('keeps or restores the size on downsample', async () => {
    const source = await decodeInput(await sourceJpeg(), { item: 's' })
    const restored = await applyRecipe(source, parseRecipe('downsample:4'), SHA)
    expect([restored.raw.width, restored.raw.height]).toEqual([320, 240])
    const small = await applyRecipe(source, parseRecipe('downsample:4:small:nearest'), SHA)
    expect([small.raw.width, small.raw.height]).toEqual([80, 60])
    const meta = await sharp(small.encoded).metadata()
    expect([meta.width, meta.height]).toEqual([80, 60])
  })

  it('pixelates into uniform blocks holding the block mean', async () => {
    const source = await decodeInput(await sourceJpeg(), { item: 's' })
    const { raw } = await applyRecipe(source, parseRecipe('pixelate:8'), SHA)
    const at = (x: number, y: number): number[] => [
      ...raw.data.subarray((y * 320 + x) * 3, (y * 320 + x) * 3 + 3)
    ]
    expect(at(16, 8)).toEqual(at(23, 15))
    expect(at(16, 8)).not.toEqual(at(24, 8))
    let mean = 0
    for (let y = 8; y < 16; y++)
      for (let x = 16; x < 24; x++) mean += source.data[(y * 320 + x) * 3] as number
    expect(at(16, 8)[0]).toBe(Math.round(mean / 64))
  })

  it('grades presets: stronger levels score lower PSNR and SSIM', async () => {
    const source = await decodeInput(await sourceJpeg(), { item: 's' })
    const grid = analysisSize(source.width, source.height)
    const ref = await analysisLuma(source, grid)
    for (const type of ['downsample', 'blur', 'jpeg', 'noise', 'pixelate']) {
      const scores = []
      for (const level of ['mild', 'medium', 'severe']) {
        const { raw } = await applyRecipe(source, parseRecipe(`${type}:${level}`), SHA)
        const luma = await analysisLuma(raw, grid)
        scores.push({ psnr: psnr(ref, luma), ssim: ssim(ref, luma) })
      }
      expect(scores[0]!.ssim, type).toBeGreaterThan(scores[1]!.ssim)
      expect(scores[1]!.ssim, type).toBeGreaterThan(scores[2]!.ssim)
      expect(scores[0]!.psnr, type).toBeGreaterThan(scores[2]!.psnr)
      expect(scores[0]!.ssim, type).toBeLessThan(1)
    }
  })
})
