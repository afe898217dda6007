import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'

import { PromptSetItem } from '../../../src-shared/contract/judge'

export type PromptSetEntry = PromptSetItem & { readonly key: string; readonly item: string }

/**
 * Reads a prompt set: a JSON list, or JSON lines, of `{prompt, images[]}`. Bad entries are
 * returned as errors naming the entry; each good one gets a key (prompt + image list hash) so a
 * resumed job skips what it ranked.
 */
export async function readPromptSet(
  file: string
): Promise<{ entries: PromptSetEntry[]; errors: Array<{ item: string; reason: string }> }> {
  const text = await readFile(file, 'utf8')
  let raws: unknown[]
  const trimmed = text.trim()
  if (trimmed.startsWith('[')) {
    raws = JSON.parse(trimmed) as unknown[]
  } else {
    raws = []
    for (const [n, line] of trimmed.split('\n').entries()) {
      if (!line.trim()) continue
      try {
        raws.push(JSON.parse(line))
      } catch {
        raws.push({ __unparsable: n + 1 })
      }
    }
  }
  const entries: PromptSetEntry[] = []
  const errors: Array<{ item: string; reason: string }> = []
  raws.forEach((raw, index) => {
    const item = `prompt ${index + 1}`
    const parsed = PromptSetItem.safeParse(raw)
    if (!parsed.success) {
      errors.push({
        item,
        reason: parsed.error.issues
          .map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`)
          .join('; ')
      })
      return
    }
    if (parsed.data.images.length < 2) {
      errors.push({
        item,
        reason: `${parsed.data.images.length} image(s): a ranking needs at least 2`
      })
      return
    }
    const key = createHash('sha256')
      .update(JSON.stringify([parsed.data.prompt, parsed.data.images]))
      .digest('hex')
      .slice(0, 32)
    entries.push({ ...parsed.data, key, item })
  })
  return { entries, errors }
}
