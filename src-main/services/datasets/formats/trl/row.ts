import { promptParts } from '../../../../../src-shared/domain/compose-prompt'
import type { RowPair } from '../pair'
import { exportText } from '../text-policy'

/** A TRL conversational message with typed content parts. */
export type TrlMessage = {
  role: 'user' | 'assistant'
  content: Array<{ type: 'image' } | { type: 'text'; text: string }>
}

/** One TRL DPO vision row; `images` holds whatever the format stores (paths or structs). */
export type TrlRow<I> = {
  id: string
  prompt: TrlMessage[]
  chosen: TrlMessage[]
  rejected: TrlMessage[]
  images: I[]
  tier: number
}

/**
 * A record as a TRL conversational row (`trl` and `trl-parquet`): one `{"type":"image"}` part
 * per image, in image order, before the question (the layout of TRL's own RLAIF-V conversion;
 * a labelled sequence puts its `ImageK:` text part before each, as `promptParts` asked the
 * model), so the placeholders always equal `images.length`; `images[i]` is `pair.images[i]` as
 * the format stores it. Texts go through the export's text policy (`exportText`).
 */
export function toTrlRow<I>(pair: RowPair, images: I[]): TrlRow<I> {
  if (images.length !== pair.images.length) {
    throw new Error(`record ${pair.id}: ${images.length} images given for ${pair.images.length}`)
  }
  return {
    id: pair.id,
    prompt: [
      {
        role: 'user',
        content: promptParts(pair.question, images.length, pair.labelledImages).map((part) =>
          'image' in part
            ? { type: 'image' as const }
            : { type: 'text' as const, text: exportText(part.text) }
        )
      }
    ],
    chosen: [{ role: 'assistant', content: [{ type: 'text', text: exportText(pair.chosen) }] }],
    rejected: [{ role: 'assistant', content: [{ type: 'text', text: exportText(pair.rejected) }] }],
    images,
    tier: pair.tier
  }
}
