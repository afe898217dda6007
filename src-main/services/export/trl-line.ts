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
  return trlHead(pair.id, quoted, imagePaths.length) + trlTail(imagePaths, pair.tier)
}

/**
 * A TRL line up to and including `"images":[`: everything that depends on the texts. The
 * export's SQLite extension builds the same bytes natively (trl_head in native/json-text.c;
 * tests compare the two).
 */
export function trlHead(id: string, quoted: QuotedTexts, imageCount: number): string {
  return (
    `{"id":${JSON.stringify(id)},"prompt":[{"role":"user","content":[` +
    `${IMAGE_PART.repeat(imageCount)}{"type":"text","text":${quoted.question}}]}],` +
    `"chosen":${assistant(quoted.chosen)},"rejected":${assistant(quoted.rejected)},"images":[`
  )
}

/** The rest of a TRL line after `trlHead`: image paths and tier. */
export function trlTail(imagePaths: readonly string[], tier: number): string {
  let images = ''
  for (let i = 0; i < imagePaths.length; i++) {
    images += `${i === 0 ? '' : ','}${JSON.stringify(imagePaths[i])}`
  }
  return `${images}],"tier":${JSON.stringify(tier)}}`
}
