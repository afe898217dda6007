/** Which part of an export a record goes to. */
export type SplitName = 'train' | 'validation'

/**
 * Seeded 32-bit FNV-1a hash of a string, with a final avalanche step. Pure and
 * platform-independent, so a split or an order computed on one machine is the same everywhere.
 */
export function seededHash(seed: number, key: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  // A final avalanche step so that keys differing only in their last characters spread evenly.
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b) >>> 0
  hash ^= hash >>> 13
  return hash >>> 0
}

/** `seededHash` mapped to [0, 1). */
export function seededUnit(seed: number, key: string): number {
  return seededHash(seed, key) / 0x1_0000_0000
}

/**
 * Assigns every record to train or validation so that records sharing any source image land in
 * the same split (no leakage): records are grouped into connected components over their source
 * image keys, and each component goes to one split, chosen by a seeded hash of its smallest key.
 * `trainRatio` is the expected share of components in train (1 puts everything in train).
 * Returns one split per record, in input order. Records with no image key form their own group.
 */
export function assignSplits(
  imageKeysPerRecord: ReadonlyArray<readonly string[]>,
  trainRatio: number,
  seed: number
): SplitName[] {
  if (!(trainRatio > 0 && trainRatio <= 1)) {
    throw new RangeError(`trainRatio must be in (0, 1], got ${trainRatio}`)
  }
  // Everything goes to train: no need to group records (a union-find over every image key).
  if (trainRatio === 1) return imageKeysPerRecord.map(() => 'train')
  const parent = new Map<string, string>()
  const find = (key: string): string => {
    let root = key
    while (parent.get(root) !== root) root = parent.get(root) ?? root
    let node = key
    while (node !== root) {
      const next = parent.get(node) as string
      parent.set(node, root)
      node = next
    }
    return root
  }
  const union = (a: string, b: string): void => {
    const ra = find(a)
    const rb = find(b)
    // The smaller key becomes the root, so a component's root is its smallest key.
    if (ra < rb) parent.set(rb, ra)
    else if (rb < ra) parent.set(ra, rb)
  }
  imageKeysPerRecord.forEach((keys, index) => {
    const own = keys.length > 0 ? keys : [`record:${index}`]
    for (const key of own) if (!parent.has(key)) parent.set(key, key)
    for (let i = 1; i < own.length; i++) union(own[0] as string, own[i] as string)
  })
  return imageKeysPerRecord.map((keys, index) => {
    const root = find(keys[0] ?? `record:${index}`)
    return seededUnit(seed, root) < trainRatio ? 'train' : 'validation'
  })
}
