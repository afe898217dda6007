import { fnv1a, mulberry32 } from '../../../src-shared/domain/seeded-random'

export { fnv1a, mulberry32 }

/**
 * `count` normal(0, 1) × `scale` values, identical for the same (seed, stream) on every machine,
 * because they depend only on integer arithmetic and Math.log/sqrt/cos of those integers.
 */
export function seededNormals(seed: number, stream: string, count: number, scale: number) {
  const next = mulberry32(fnv1a(stream, seed))
  const out = new Float32Array(count)
  for (let i = 0; i < count; i += 2) {
    // Box–Muller; 1 - u keeps the log argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - next()))
    const theta = 2 * Math.PI * next()
    out[i] = r * Math.cos(theta) * scale
    if (i + 1 < count) out[i + 1] = r * Math.sin(theta) * scale
  }
  return out
}
