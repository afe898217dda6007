import type { ExportFormat } from '../../../../src-shared/contract/exports'
import { isObject } from './dataset-record'

/**
 * Whether a row loads under its training stack's own rules, written after the stacks' code
 * (the image files themselves are checked apart, by `ImageCheck`). The self-check runs these on
 * every row an export writes; tests run them on exports of the demo, of a round trip and of
 * hostile texts. Each returns the problems the stack would raise or silently mis-train on.
 */

const MEDIA_TOKENS = ['<image>', '<video>', '<audio>'] as const

function count(text: string, token: string): number {
  return text.split(token).length - 1
}

/** Literal media tokens in a text (what LLaVA-style processors and RLAIF-V expand). */
function literalTokens(text: string, where: string): string[] {
  return MEDIA_TOKENS.filter((token) => text.includes(token)).map(
    (token) => `${where} holds a literal ${token}, which the model's processor expands as a slot`
  )
}

type Part = { type?: unknown; text?: unknown }

/**
 * TRL (DPO, vision; `trl` and `trl-parquet`): `prepare_multimodal_messages` fills the
 * `{"type":"image"}` parts with `images` in order and raises when their count differs;
 * `DataCollatorForVisionPreference` renders prompt + chosen and prompt + rejected through the
 * processor, whose LLaVA-style image token (`<image>`) in any text part would claim a second
 * slot. Every message needs a role and a list of typed parts.
 */
export function trlLoadProblems(row: Record<string, unknown>): string[] {
  const problems: string[] = []
  const images = row.images
  if (!Array.isArray(images)) return ['images is not a list']
  let imageParts = 0
  for (const column of ['prompt', 'chosen', 'rejected'] as const) {
    const messages = row[column]
    if (!Array.isArray(messages) || messages.length === 0) {
      problems.push(`${column} is not a list of messages`)
      continue
    }
    for (const message of messages) {
      if (
        !isObject(message) ||
        typeof message.role !== 'string' ||
        !Array.isArray(message.content)
      ) {
        problems.push(`${column} holds a message without a role and typed content`)
        continue
      }
      for (const part of message.content as Part[]) {
        if (!isObject(part)) problems.push(`${column} holds a content part that is not an object`)
        else if (part.type === 'image') {
          if (column !== 'prompt') problems.push(`${column} holds an image part`)
          imageParts++
        } else if (part.type === 'text') {
          if (typeof part.text !== 'string')
            problems.push(`${column} holds a text part without text`)
          else problems.push(...literalTokens(part.text, column))
        } else problems.push(`${column} holds a content part of type ${String(part.type)}`)
      }
    }
  }
  if (imageParts !== images.length) {
    problems.push(
      `${imageParts} image placeholders for ${images.length} images (TRL raises on the mismatch)`
    )
  }
  return problems
}

/**
 * LLaMA-Factory (sharegpt, `ranking: true`): the converter wants human/gpt turns alternating
 * from human, an odd count (the prompt ends with a human turn), and chosen and rejected as gpt
 * turns; the multimodal plugin's `_validate_messages` counts `<image>`, `<video>` and `<audio>`
 * in every message of prompt + chosen and of prompt + rejected, and raises unless they equal
 * the images, videos (none) and audios (none).
 */
export function llamaFactoryLoadProblems(row: Record<string, unknown>): string[] {
  const problems: string[] = []
  const images = row.images
  if (!Array.isArray(images) || images.some((image) => typeof image !== 'string')) {
    return ['images is not a list of paths']
  }
  const turns = Array.isArray(row.conversations) ? row.conversations : null
  if (!turns || turns.length === 0) return ['conversations is not a list of turns']
  const prompt: string[] = []
  turns.forEach((turn, i) => {
    const expected = i % 2 === 0 ? 'human' : 'gpt'
    if (!isObject(turn) || typeof turn.value !== 'string') {
      problems.push(`turn ${i + 1} has no text value`)
      return
    }
    if (turn.from !== expected)
      problems.push(`turn ${i + 1} is from "${String(turn.from)}", expected "${expected}"`)
    prompt.push(turn.value)
  })
  if (turns.length % 2 === 0) problems.push('a ranking conversation must end with a human turn')
  for (const column of ['chosen', 'rejected'] as const) {
    const turn = row[column]
    if (!isObject(turn) || turn.from !== 'gpt' || typeof turn.value !== 'string') {
      problems.push(`${column} is not a gpt turn with text`)
      continue
    }
    const messages = [...prompt, turn.value]
    const expected = { '<image>': images.length, '<video>': 0, '<audio>': 0 }
    for (const token of MEDIA_TOKENS) {
      const found = messages.reduce((sum, text) => sum + count(text, token), 0)
      if (found !== expected[token]) {
        problems.push(
          `prompt + ${column} hold ${found} ${token} for ${expected[token]} (the multimodal plugin raises)`
        )
      }
    }
  }
  return problems
}

/**
 * RLAIF-V's own loader (`PreferenceInferenceDataset`): reads question, chosen and rejected as
 * text and puts `<image>\n` before the question itself (so a literal token in any text adds a
 * slot), `json.loads(origin_split)`, `idx`, `image_path`, and decodes `image["bytes"]`.
 */
export function rlaifVLoadProblems(row: Record<string, unknown>): string[] {
  const problems: string[] = []
  for (const column of ['question', 'chosen', 'rejected', 'origin_dataset', 'idx', 'image_path']) {
    const value = row[column]
    if (typeof value !== 'string') problems.push(`${column} is not text`)
    else if (['question', 'chosen', 'rejected'].includes(column)) {
      problems.push(...literalTokens(value, column))
    }
  }
  try {
    JSON.parse(String(row.origin_split))
  } catch {
    problems.push('origin_split is not JSON')
  }
  const image = row.image
  if (!isObject(image) || !(image.bytes instanceof Uint8Array) || image.bytes.length === 0) {
    problems.push('image has no bytes')
  }
  return problems
}

/**
 * LLaMA-Factory loading an RLAIF-V export with the card's recipe (alpaca, `ranking: true`,
 * `prompt: image_tokens`, `query: question`): the converter joins prompt and query with a
 * newline into the one user turn; then the plugin counts as in `llamaFactoryLoadProblems`.
 */
export function rlaifVAsLlamaFactoryRow(row: Record<string, unknown>): Record<string, unknown> {
  const query = [row.image_tokens, row.question].filter((v) => typeof v === 'string' && v !== '')
  return {
    conversations: [{ from: 'human', value: query.join('\n') }],
    chosen: { from: 'gpt', value: row.chosen },
    rejected: { from: 'gpt', value: row.rejected },
    images: row.image == null ? [] : ['(embedded)']
  }
}

/** The stack checks of each format (RLAIF-V: its own loader and the card's LLaMA-Factory recipe). */
export const LOAD_CHECKS: Record<ExportFormat, (row: Record<string, unknown>) => string[]> = {
  trl: trlLoadProblems,
  'trl-parquet': trlLoadProblems,
  llamafactory: llamaFactoryLoadProblems,
  'rlaif-v': (row) => [
    ...rlaifVLoadProblems(row),
    ...llamaFactoryLoadProblems(rlaifVAsLlamaFactoryRow(row)).map(
      (p) => `LLaMA-Factory recipe: ${p}`
    )
  ]
}
