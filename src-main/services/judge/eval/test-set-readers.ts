import { readFile } from 'node:fs/promises'

import type { EvalFormat } from '../../../../src-shared/contract/judge'
import { resolveInside } from '../../../platform/resolve-inside'

/** One prompt of a preference test set with its images and human ranks (lower is better). */
export type TestGroup = {
  /** ImageReward: its `id`; HPD v2: the item's 0-based index in `test.json`. */
  readonly key: string | number
  readonly prompt: string
  /** Image paths exactly as the test file writes them. */
  readonly images: readonly string[]
  /** The same images resolved inside the images folder. */
  readonly files: readonly string[]
  readonly ranks: readonly number[]
}

/** Why an item was skipped; `kind` is the counted reason in the report. */
export type SkippedItem = { readonly item: string; readonly kind: string; readonly reason: string }

export type TestSet = {
  readonly groups: TestGroup[]
  readonly skipped: SkippedItem[]
  readonly total: number
}

type Raw = Record<string, unknown>

const FIELDS: Record<EvalFormat, { images: string; ranks: string }> = {
  imagereward: { images: 'generations', ranks: 'ranking' },
  hpdv2: { images: 'image_path', ranks: 'rank' }
}

/**
 * Reads a test set in the ImageReward (`{id, prompt, generations[], ranking[]}`) or HPD v2
 * (`{prompt, image_path[], rank[]}`) format. Every bad item (no images, ranks that do not match
 * the images, a missing image, …) is skipped with a reason naming it; the rest is returned.
 * Throws only when the file itself is unreadable or not a JSON list.
 */
export async function readTestSet(
  file: string,
  format: EvalFormat,
  imagesDir: string,
  limit?: number
): Promise<TestSet> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`Cannot read the test set ${file}: ${(error as Error).message}`, {
      cause: error
    })
  }
  if (!Array.isArray(data)) throw new Error(`The test set ${file} is not a JSON list`)
  const items = limit ? data.slice(0, limit) : data
  const groups: TestGroup[] = []
  const skipped: SkippedItem[] = []
  const f = FIELDS[format]
  items.forEach((rawItem: unknown, index) => {
    const raw = (rawItem ?? {}) as Raw
    const key = format === 'imagereward' ? String(raw.id ?? `#${index}`) : index
    const item = `group ${key}`
    const skip = (kind: string, reason: string) => skipped.push({ item, kind, reason })
    const images = raw[f.images]
    const ranks = raw[f.ranks]
    if (typeof raw.prompt !== 'string' || !raw.prompt.trim())
      return skip('bad item', 'no prompt text')
    if (!Array.isArray(images) || !images.every((p) => typeof p === 'string'))
      return skip('bad item', `"${f.images}" is not a list of paths`)
    if (images.length === 0) return skip('empty group', 'the group has no images')
    if (!Array.isArray(ranks) || !ranks.every((r) => typeof r === 'number' && Number.isFinite(r)))
      return skip('bad item', `"${f.ranks}" is not a list of numbers`)
    if (ranks.length !== images.length)
      return skip(
        'ranking length mismatch',
        `"${f.ranks}" has ${ranks.length} entries for ${images.length} images`
      )
    if (images.length < 2) return skip('single image', 'one image: nothing to compare')
    const files: string[] = []
    for (const path of images as string[]) {
      try {
        files.push(resolveInside(imagesDir, path))
      } catch (error) {
        return skip('missing image', (error as Error).message)
      }
    }
    groups.push({
      key,
      prompt: raw.prompt,
      images: images as string[],
      files,
      ranks: ranks as number[]
    })
  })
  return { groups, skipped, total: items.length }
}
