import { countImageParts, roleProblems } from '../../../../../src-shared/domain/image-placeholders'
import type { ChatMessage } from '../../../../../src-shared/domain/image-placeholders'
import { questionOfParts } from '../../../../../src-shared/domain/compose-prompt'
import type { PromptPart } from '../../../../../src-shared/domain/compose-prompt'
import { asId, asTier, isObject, toRecordImage } from '../dataset-record'
import type { RecordImage, RowResult } from '../dataset-record'

function messagesOf(value: unknown, column: string, problems: string[]): ChatMessage[] {
  if (typeof value === 'string') {
    // Standard (non-conversational) TRL rows hold plain strings.
    return [{ role: column === 'prompt' ? 'user' : 'assistant', content: value }]
  }
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${column} is not a non-empty list of messages`)
    return []
  }
  const messages: ChatMessage[] = []
  for (const message of value) {
    if (!isObject(message) || typeof message.role !== 'string') {
      problems.push(`${column} holds a message without a role`)
      continue
    }
    const content = message.content
    if (typeof content === 'string') messages.push({ role: message.role, content })
    else if (
      Array.isArray(content) &&
      content.every((p) => isObject(p) && typeof p.type === 'string')
    ) {
      messages.push({ role: message.role, content: content as ChatMessage['content'] })
    } else problems.push(`${column} holds a message whose content is neither text nor typed parts`)
  }
  return messages
}

function textOf(message: ChatMessage | undefined): string {
  if (!message) return ''
  if (typeof message.content === 'string') return message.content
  return message.content
    .filter((part) => part.type === 'text')
    .map((part) => part.text ?? '')
    .join('\n')
}

/** The prompt's question: its texts, without the labels a labelled sequence puts before images. */
function questionOf(message: ChatMessage | undefined): string {
  if (!message || typeof message.content === 'string') return textOf(message)
  let images = 0
  const parts = message.content.flatMap((part): PromptPart[] => {
    if (part.type === 'image') return [{ image: images++ }]
    return part.type === 'text' ? [{ text: part.text ?? '' }] : []
  })
  return questionOfParts(parts)
}

/**
 * Checks a TRL DPO row (conversational or standard; `images` list or single `image`) and turns
 * it into a record. Rules: the prompt alternates roles and ends with a user turn, chosen and
 * rejected are single assistant turns with text, and typed content holds exactly one
 * `{"type":"image"}` per image. Only single-turn prompts become records.
 */
export function trlRowToRecord(row: Record<string, unknown>): RowResult {
  const problems: string[] = []
  const prompt = messagesOf(row.prompt, 'prompt', problems)
  const chosen = messagesOf(row.chosen, 'chosen', problems)
  const rejected = messagesOf(row.rejected, 'rejected', problems)
  const rawImages = Array.isArray(row.images) ? row.images : row.image != null ? [row.image] : null
  if (!rawImages) problems.push('the row has no images (or image) column')
  const images: RecordImage[] = []
  for (const raw of rawImages ?? []) {
    const image = toRecordImage(raw)
    if (typeof image === 'string') problems.push(image)
    else images.push(image)
  }
  if (prompt.length) {
    problems.push(
      ...roleProblems(
        prompt.map((m) => m.role),
        'user'
      ).map((p) => `prompt: ${p}`)
    )
    if (prompt.at(-1)?.role !== 'user') problems.push('prompt does not end with a user turn')
    if (prompt.length > 1) problems.push('multi-turn prompts are not supported')
  }
  for (const [column, messages] of [
    ['chosen', chosen],
    ['rejected', rejected]
  ] as const) {
    if (messages.length !== 1 || messages[0]?.role !== 'assistant') {
      problems.push(`${column} must be one assistant turn`)
    } else if (!textOf(messages[0]).trim()) problems.push(`${column} has no text`)
  }
  // TRL inserts the placeholders itself when the prompt's content is a plain string.
  const typed = prompt.some((m) => typeof m.content !== 'string')
  const placeholders = countImageParts([...prompt, ...chosen, ...rejected])
  if (typed && placeholders !== images.length) {
    problems.push(`${placeholders} image placeholders but ${images.length} images`)
  }
  if (images.length === 0 && rawImages) problems.push('the row has no image')
  if (problems.length) return { record: null, problems }
  return {
    record: {
      id: asId(row.id),
      question: questionOf(prompt[0]),
      chosen: textOf(chosen[0]),
      rejected: textOf(rejected[0]),
      tier: asTier(row.tier),
      images
    },
    problems: []
  }
}
