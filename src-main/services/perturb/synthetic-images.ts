import { mulberry32 } from '../../../src-shared/domain/seeded-random'

import type { RawRgb } from './raw-image'

/** A small seeded PRNG (mulberry32) returning floats in [0, 1). */
export const seededRandom = mulberry32

type Blob = { cx: number; cy: number; rx: number; ry: number; rgb: [number, number, number] }
type TextBox = { x: number; y: number; w: number; h: number; pitch: number }

/**
 * A generated, photo-like test image (not a photograph): smooth colour gradients, soft-edged
 * shapes, fine grain and blocks of text-like strokes, so every recipe has structure to destroy.
 * Deterministic per (width, height, seed). For tests and the benchmark only.
 */
export function photoLike(width: number, height: number, seed: number): RawRgb {
  const rand = seededRandom(seed)
  const freq = Array.from({ length: 6 }, () => 0.002 + rand() * 0.02)
  const phase = Array.from({ length: 6 }, () => rand() * Math.PI * 2)
  const cols = Array.from({ length: 3 }, (_, c) => {
    const row = new Float32Array(width)
    for (let x = 0; x < width; x++)
      row[x] = 50 * Math.sin(x * (freq[c] as number) + (phase[c] as number))
    return row
  })
  const rows = Array.from({ length: 3 }, (_, c) => {
    const col = new Float32Array(height)
    for (let y = 0; y < height; y++) {
      col[y] = 40 * Math.cos(y * (freq[c + 3] as number) + (phase[c + 3] as number))
    }
    return col
  })
  const blobs: Blob[] = Array.from({ length: 6 }, () => ({
    cx: rand() * width,
    cy: rand() * height,
    rx: (0.05 + rand() * 0.2) * width,
    ry: (0.05 + rand() * 0.2) * height,
    rgb: [rand() * 255, rand() * 255, rand() * 255]
  }))
  const texts: TextBox[] = Array.from({ length: 3 }, () => ({
    x: Math.floor(rand() * width * 0.7),
    y: Math.floor(rand() * height * 0.8),
    w: Math.floor(width * (0.1 + rand() * 0.2)),
    h: Math.floor(height * (0.05 + rand() * 0.1)),
    pitch: 2 + Math.floor(rand() * 3)
  }))
  const data = Buffer.allocUnsafe(width * height * 3)
  let grain = (seed ^ 0x5bd1e995) | 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 128 + (cols[0]![x] as number) + (rows[0]![y] as number)
      let g = 128 + (cols[1]![x] as number) + (rows[1]![y] as number)
      let b = 128 + (cols[2]![x] as number) + (rows[2]![y] as number)
      for (const blob of blobs) {
        const dx = (x - blob.cx) / blob.rx
        const dy = (y - blob.cy) / blob.ry
        const d = dx * dx + dy * dy
        if (d < 1.2) {
          const a = d < 0.8 ? 1 : (1.2 - d) / 0.4
          r += (blob.rgb[0] - r) * a
          g += (blob.rgb[1] - g) * a
          b += (blob.rgb[2] - b) * a
        }
      }
      for (const t of texts) {
        if (x >= t.x && x < t.x + t.w && y >= t.y && y < t.y + t.h) {
          // Glyph-like strokes: vertical bars broken by line gaps and word spaces.
          const line = Math.floor((y - t.y) / (t.pitch * 5))
          const inGap = (y - t.y) % (t.pitch * 5) >= t.pitch * 4
          const word = Math.floor((x - t.x + line * 7) / (t.pitch * 9)) % 5 === 4
          const ink = !inGap && !word && Math.floor((x - t.x) / t.pitch) % 2 === 0
          const v = ink ? 20 : 235
          r = g = b = v
        }
      }
      grain = (Math.imul(grain, 1103515245) + 12345) | 0
      const n = ((grain >>> 16) & 15) - 8
      const i = (y * width + x) * 3
      data[i] = Math.max(0, Math.min(255, Math.round(r + n)))
      data[i + 1] = Math.max(0, Math.min(255, Math.round(g + n)))
      data[i + 2] = Math.max(0, Math.min(255, Math.round(b + n)))
    }
  }
  return { data, width, height }
}
