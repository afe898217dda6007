/** 32-bit FNV-1a hash; used to derive an independent stream per tensor name. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** mulberry32: a small, fast, seedable uniform generator in [0, 1). Not cryptographic. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

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
