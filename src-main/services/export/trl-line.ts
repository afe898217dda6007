import type { ExportPair } from './pair-source'

const IMAGE_PART = '{"type":"image"},'

function assistant(text: string): string {
  return `[{"role":"assistant","content":[{"type":"text","text":${JSON.stringify(text)}}]}]`
}

/**
 * `JSON.stringify(toTrlRow(pair, imagePaths))`, byte for byte, without building the row's
 * objects: at one row per exported pair, the nested objects and their serialization cost
 * several times more than quoting the four strings. Keys, their order and the placeholders
 * must stay those of `toTrlRow` (a test compares the two).
 */
export function trlJsonLine(pair: ExportPair, imagePaths: readonly string[]): string {
  let images = ''
  for (let i = 0; i < imagePaths.length; i++) {
    images += `${i === 0 ? '' : ','}${JSON.stringify(imagePaths[i])}`
  }
  return (
    `{"id":${JSON.stringify(pair.id)},"prompt":[{"role":"user","content":[` +
    `${IMAGE_PART.repeat(imagePaths.length)}{"type":"text","text":${JSON.stringify(pair.question)}}]}],` +
    `"chosen":${assistant(pair.chosen)},"rejected":${assistant(pair.rejected)},` +
    `"images":[${images}],"tier":${JSON.stringify(pair.tier)}}`
  )
}
