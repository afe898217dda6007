import { IMAGE_TOKEN } from '../../../../../src-shared/domain/image-placeholders'
import { labelledPromptText } from '../../../../../src-shared/domain/compose-prompt'
import type { RowPair } from '../pair'
import { exportText } from '../text-policy'

/** One LLaMA-Factory sharegpt preference row. */
export type LlamaFactoryRow = {
  id: string
  conversations: Array<{ from: 'human' | 'gpt'; value: string }>
  chosen: { from: 'gpt'; value: string }
  rejected: { from: 'gpt'; value: string }
  images: string[]
  tier: number
}

/**
 * A record as a LLaMA-Factory sharegpt preference row: one `<image>` per image, in image order,
 * in front of the question (a labelled sequence as `Image1: <image>` lines, see
 * `labelledPromptText`); `images[i]` is the path of `pair.images[i]`. The text policy
 * (`exportText`) leaves no other `<image>`, `<video>` or `<audio>` in any turn, so the tokens
 * LLaMA-Factory counts across prompt and answers are exactly these.
 */
export function toLlamaFactoryRow(pair: RowPair, images: string[]): LlamaFactoryRow {
  if (images.length !== pair.images.length) {
    throw new Error(`record ${pair.id}: ${images.length} images given for ${pair.images.length}`)
  }
  return {
    id: pair.id,
    conversations: [
      {
        from: 'human',
        value:
          pair.labelledImages && images.length > 1
            ? labelledPromptText(exportText(pair.question), images.length, IMAGE_TOKEN)
            : IMAGE_TOKEN.repeat(images.length) + exportText(pair.question)
      }
    ],
    chosen: { from: 'gpt', value: exportText(pair.chosen) },
    rejected: { from: 'gpt', value: exportText(pair.rejected) },
    images,
    tier: pair.tier
  }
}
