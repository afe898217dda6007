import sharp from 'sharp'
import type { Sharp } from 'sharp'
import { describe, expect, it } from 'vitest'

import { InputRefusedError, decodeInput } from './decode-input'
import { fromRaw } from './raw-image'
import type { RawRgb } from './raw-image'
import { photoLike } from './synthetic-images'

const solid = (width: number, height: number, rgb: [number, number, number]): RawRgb => {
  const data = Buffer.alloc(width * height * 3)
  for (let i = 0; i < data.length; i += 3) data.set(rgb, i)
  return { data, width, height }
}
const pixel = (image: RawRgb, x: number, y: number): number[] => {
  const i = (y * image.width + x) * 3
  return [...image.data.subarray(i, i + 3)]
}
const near = (actual: number[], expected: number[], tolerance: number): void => {
  actual.forEach((v, i) =>
    expect(Math.abs(v - (expected[i] as number)), `${actual} vs ${expected}`).toBeLessThanOrEqual(
      tolerance
    )
  )
}
const decode = (bytes: Buffer, maxPixels?: number): ReturnType<typeof decodeInput> =>
  decodeInput(bytes, { item: 'photos/cat.jpg', maxPixels })

describe('decodeInput: formats', () => {
  const color: [number, number, number] = [200, 120, 40]

  it.each([
    ['jpeg', (s: Sharp) => s.jpeg({ quality: 95 }), 'jpeg', 4],
    ['webp', (s: Sharp) => s.webp({ lossless: true }), 'webp', 0],
    ['avif', (s: Sharp) => s.avif({ lossless: true }), 'heif', 3],
    ['tiff', (s: Sharp) => s.tiff({ compression: 'lzw' }), 'tiff', 0],
    ['palette png', (s: Sharp) => s.png({ palette: true }), 'png', 2],
    ['16-bit png', (s: Sharp) => s.toColourspace('rgb16').png(), 'png', 1],
    // A muted colour: CMYK's gamut clips saturated sRGB oranges.
    [
      'cmyk jpeg',
      (s: Sharp) => s.toColourspace('cmyk').jpeg({ quality: 95 }),
      'jpeg',
      12,
      [140, 120, 100]
    ]
  ])('decodes %s to 8-bit sRGB', async (_label, encode, format, tolerance, rgb = color) => {
    const bytes = await encode(fromRaw(solid(24, 16, rgb as [number, number, number]))).toBuffer()
    const decoded = await decode(bytes)
    expect(decoded.format).toBe(format)
    expect([decoded.width, decoded.height, decoded.data.length]).toEqual([24, 16, 24 * 16 * 3])
    near(pixel(decoded, 12, 8), rgb as number[], tolerance)
  })

  it('checks that the fixtures are exotic: CMYK, 16-bit, palette', async () => {
    const base = fromRaw(solid(8, 8, color))
    expect(
      (await sharp(await base.clone().toColourspace('cmyk').jpeg().toBuffer()).metadata()).space
    ).toBe('cmyk')
    expect(
      (await sharp(await base.clone().toColourspace('rgb16').png().toBuffer()).metadata()).depth
    ).toBe('ushort')
    expect(
      (await sharp(await base.clone().png({ palette: true }).toBuffer()).metadata()).isPalette
    ).toBe(true)
  })

  it('expands grayscale to RGB', async () => {
    const bytes = await fromRaw(solid(10, 10, [90, 90, 90]))
      .toColourspace('b-w')
      .png()
      .toBuffer()
    expect((await sharp(bytes).metadata()).channels).toBe(1)
    near(pixel(await decode(bytes), 5, 5), [90, 90, 90], 1)
  })

  it('composites alpha over white', async () => {
    const rgba = Buffer.alloc(4 * 4 * 4)
    for (let i = 0; i < rgba.length; i += 4) rgba.set(i < 32 ? [255, 0, 0, 0] : [0, 0, 255, 255], i)
    const bytes = await sharp(rgba, { raw: { width: 4, height: 4, channels: 4 } })
      .png()
      .toBuffer()
    const decoded = await decode(bytes)
    expect(pixel(decoded, 0, 0)).toEqual([255, 255, 255])
    expect(pixel(decoded, 0, 3)).toEqual([0, 0, 255])
  })

  it('applies EXIF orientation', async () => {
    const wide = photoLike(40, 20, 2)
    const bytes = await fromRaw(wide).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    expect((await sharp(bytes).metadata()).orientation).toBe(6)
    const decoded = await decode(bytes)
    expect([decoded.width, decoded.height]).toEqual([20, 40])
  })

  it('converts an embedded ICC profile to sRGB', async () => {
    const bytes = await fromRaw(solid(8, 8, [230, 40, 40]))
      .withIccProfile('p3')
      .png()
      .toBuffer()
    const untagged = await sharp(bytes, { ignoreIcc: true }).raw().toBuffer()
    // The file holds Display P3 numbers, visibly different from the sRGB colour…
    expect(
      Math.abs((untagged[0] as number) - 230) + Math.abs((untagged[1] as number) - 40)
    ).toBeGreaterThan(15)
    // …and decoding brings them back to sRGB.
    near(pixel(await decode(bytes), 4, 4), [230, 40, 40], 3)
  })

  it.each(['gif', 'webp'] as const)('takes the first frame of an animated %s', async (format) => {
    const frames = [solid(16, 16, [255, 0, 0]), solid(16, 16, [0, 0, 255])]
    const stacked = Buffer.concat(frames.map((f) => f.data))
    const pipeline = sharp(stacked, { raw: { width: 16, height: 32, channels: 3, pageHeight: 16 } })
    const bytes = await (
      format === 'gif' ? pipeline.gif() : pipeline.webp({ lossless: true })
    ).toBuffer()
    expect((await sharp(bytes).metadata()).pages).toBe(2)
    const decoded = await decode(bytes)
    expect([decoded.width, decoded.height]).toEqual([16, 16])
    near(pixel(decoded, 8, 8), [255, 0, 0], 8)
  })
})

describe('decodeInput: refusals name the file and the reason', () => {
  async function refusal(bytes: Buffer, maxPixels?: number): Promise<InputRefusedError> {
    const error = await decode(bytes, maxPixels).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(InputRefusedError)
    const refused = error as InputRefusedError
    expect(refused.item).toBe('photos/cat.jpg')
    expect(refused.message.startsWith('photos/cat.jpg: ')).toBe(true)
    return refused
  }

  it('refuses zero bytes', async () => {
    expect((await refusal(Buffer.alloc(0))).reason).toBe('empty file (0 bytes)')
  })

  it('refuses a non-image with an image extension', async () => {
    const reason = (await refusal(Buffer.from('<html><body>not a picture</body></html>'))).reason
    expect(reason).toMatch(/^not an image \(unrecognized content, first bytes 3c 68 74 6d/)
  })

  it.each(['jpeg', 'png', 'webp'] as const)('refuses a truncated %s', async (format) => {
    const full = await fromRaw(photoLike(200, 150, 4))
      .toFormat(format)
      .toBuffer()
    const reason = (await refusal(full.subarray(0, Math.floor(full.length * 0.6)))).reason
    expect(reason).toMatch(/truncated or corrupt|corrupt/)
  })

  it('refuses a corrupt header', async () => {
    const png = await fromRaw(solid(8, 8, [1, 2, 3]))
      .png()
      .toBuffer()
    const broken = Buffer.from(png)
    broken.fill(0xee, 8, 40)
    expect((await refusal(broken)).reason).toMatch(/corrupt image\/png/)
  })

  it('refuses images over the pixel limit before decoding them', async () => {
    const bytes = await fromRaw(solid(100, 60, [9, 9, 9]))
      .png()
      .toBuffer()
    expect((await refusal(bytes, 5999)).reason).toBe(
      '100×60 = 6000 pixels exceeds the limit of 5999 pixels'
    )
    expect((await decode(bytes, 6000)).width).toBe(100)
  })
})
