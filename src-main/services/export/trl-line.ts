import type { ExportPair } from './pair-source'
import type { QuotedTexts } from './content-id'

const IMAGE_PART = '{"type":"image"},'

/** An assistant turn holding one text, already quoted. */
function assistant(quotedText: string): string {
  return `[{"role":"assistant","content":[{"type":"text","text":${quotedText}}]}]`
}

/**
 * `JSON.stringify(toTrlRow(pair, imagePaths))`, byte for byte, without building the row's
 * objects: at one row per exported pair, the nested objects and their serialization cost
 * several times more than quoting the four strings. Keys, their order and the placeholders
 * must stay those of `toTrlRow` (a test compares the two). `quoted` holds the record's texts
 * already quoted (the plan quotes them once for the content id).
 */
export function trlJsonLine(
  pair: Pick<ExportPair, 'id' | 'tier'>,
  imagePaths: readonly string[],
  quoted: QuotedTexts
): string {
  let images = ''
  for (let i = 0; i < imagePaths.length; i++) {
    images += `${i === 0 ? '' : ','}${JSON.stringify(imagePaths[i])}`
  }
  return (
    `{"id":${JSON.stringify(pair.id)},"prompt":[{"role":"user","content":[` +
    `${IMAGE_PART.repeat(imagePaths.length)}{"type":"text","text":${quoted.question}}]}],` +
    `"chosen":${assistant(quoted.chosen)},"rejected":${assistant(quoted.rejected)},` +
    `"images":[${images}],"tier":${JSON.stringify(pair.tier)}}`
  )
}
