import { describe, expect, it } from 'vitest'

import { PSNR_IDENTICAL_DB, analysisLuma, analysisSize, psnr, ssim, ssimAgainst } from './metrics'
import type { LumaPlane } from './metrics'
import { photoLike } from './synthetic-images'

const plane = (width: number, height: number, f: (x: number, y: number) => number): LumaPlane => {
  const data = new Float32Array(width * height)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y)
  return { data, width, height }
}

describe('metrics', () => {
  it('scores identical planes as PSNR_IDENTICAL_DB and SSIM 1', () => {
    const a = plane(64, 48, (x, y) => (x * 7 + y * 3) % 256)
    expect(psnr(a, a)).toBe(PSNR_IDENTICAL_DB)
    expect(ssim(a, a)).toBeCloseTo(1, 12)
  })

  it('computes PSNR from the mean squared error', () => {
    const a = plane(32, 32, (x) => x * 4)
    const b = plane(32, 32, (x) => x * 4 + 5)
    // MSE 25: 10·log10(255² / 25) = 34.151 dB
    expect(psnr(a, b)).toBeCloseTo(34.151, 3)
  })

  it('matches the closed form of SSIM for a constant shift of a flat plane', () => {
    const m = 100
    const c = 30
    const a = plane(40, 40, () => m)
    const b = plane(40, 40, () => m + c)
    const C1 = (0.01 * 255) ** 2
    const expected = (2 * m * (m + c) + C1) / (m * m + (m + c) ** 2 + C1)
    expect(ssim(a, b)).toBeCloseTo(expected, 10)
    // Planes smaller than the 11 px window are scored as one window, by the same formula.
    expect(
      ssim(
        plane(5, 5, () => m),
        plane(5, 5, () => m + c)
      )
    ).toBeCloseTo(expected, 10)
  })

  it('drops SSIM when structure is lost even if the mean is kept', () => {
    const stripes = plane(64, 64, (x) => (x % 2 === 0 ? 50 : 200))
    const flat = plane(64, 64, () => 125)
    expect(ssim(stripes, flat)).toBeLessThan(0.05)
  })

  it('analyses at a fixed size and refuses planes of different grids', async () => {
    expect(analysisSize(2048, 1024)).toEqual({ width: 256, height: 128 })
    expect(analysisSize(200, 150)).toEqual({ width: 200, height: 150 })
    expect(analysisSize(10000, 3)).toEqual({ width: 256, height: 1 })
    const image = photoLike(1024, 768, 1)
    const luma = await analysisLuma(image, analysisSize(1024, 768))
    expect([luma.width, luma.height]).toEqual([256, 192])
    const px = image.data
    const small = await analysisLuma(
      { data: px.subarray(0, 3), width: 1, height: 1 },
      { width: 1, height: 1 }
    )
    expect(small.data[0]).toBeCloseTo(0.299 * px[0]! + 0.587 * px[1]! + 0.114 * px[2]!, 4)
    expect(() => psnr(luma, small)).toThrow('metric planes differ')
  })
})

describe('ssimAgainst', () => {
  it('scores like ssim with the reference prepared once', async () => {
    const grid = analysisSize(200, 150)
    const ref = await analysisLuma(photoLike(200, 150, 8), grid)
    const others = [photoLike(200, 150, 9), photoLike(200, 150, 8)]
    const score = ssimAgainst(ref)
    for (const other of others) {
      const luma = await analysisLuma(other, grid)
      expect(score(luma)).toBe(ssim(ref, luma))
    }
    expect(score(ref)).toBeCloseTo(1, 12)
    expect(score(await analysisLuma(others[0]!, grid))).toBeLessThan(0.9)
  })
})

describe('ssim against a direct 2-D implementation', () => {
  it('matches an unoptimized 11×11 Gaussian-window SSIM', () => {
    let seed = 7
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 255
    const a = plane(31, 23, () => rand())
    const b = plane(31, 23, (x, y) => (a.data[y * 31 + x] as number) * 0.6 + rand() * 0.4)
    const g = Array.from({ length: 11 }, (_, i) => Math.exp(-((i - 5) ** 2) / 4.5))
    const sum = g.reduce((s, v) => s + v, 0)
    const w = g.map((v) => v / sum)
    const [C1, C2] = [(0.01 * 255) ** 2, (0.03 * 255) ** 2]
    let total = 0
    let windows = 0
    for (let y = 0; y + 11 <= 23; y++) {
      for (let x = 0; x + 11 <= 31; x++) {
        let [mx, my, sxx, syy, sxy] = [0, 0, 0, 0, 0]
        for (let j = 0; j < 11; j++) {
          for (let i = 0; i < 11; i++) {
            const k = w[i]! * w[j]!
            const va = a.data[(y + j) * 31 + x + i]!
            const vb = b.data[(y + j) * 31 + x + i]!
            mx += k * va
            my += k * vb
            sxx += k * va * va
            syy += k * vb * vb
            sxy += k * va * vb
          }
        }
        const [vx, vy, cov] = [sxx - mx * mx, syy - my * my, sxy - mx * my]
        total += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2))
        windows++
      }
    }
    expect(ssim(a, b)).toBeCloseTo(total / windows, 9)
    expect(ssim(a, b)).toBeLessThan(0.95)
  })
})
