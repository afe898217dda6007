import {
  IMAGE_TOKEN,
  countImageTokens,
  roleProblems
} from '../../../../../src-shared/domain/image-placeholders'
import { questionOfLabelledText } from '../../../../../src-shared/domain/compose-prompt'
import { asId, asTier, isObject, toRecordImage } from '../dataset-record'
import type { RecordImage, RowContext, RowResult } from '../dataset-record'

type Turn = { role: string; text: string }

/** Sharegpt turns (`from`/`value`) or OpenAI-style ones (`role`/`content`), normalised. */
function turnOf(value: unknown): Turn | null {
  if (!isObject(value)) return null
  if (typeof value.from === 'string' && typeof value.value === 'string') {
    return {
      role: value.from === 'user' ? 'human' : value.from === 'assistant' ? 'gpt' : value.from,
      text: value.value
    }
  }
  if (typeof value.role === 'string' && typeof value.content === 'string') {
    const role = value.role === 'user' ? 'human' : value.role === 'assistant' ? 'gpt' : value.role
    return { role, text: value.content }
  }
  return null
}

/**
 * Checks a LLaMA-Factory sharegpt preference row and turns it into a record. Rules: human and
 * gpt turns alternate starting with human (an optional leading system turn is allowed), the
 * conversation ends with a human turn, chosen and rejected are gpt turns with text, and the
 * `<image>` tokens across every turn, chosen and rejected included (as LLaMA-Factory's plugin
 * counts them), equal the images in number. The record's question is the human turn without
 * its image placeholders (`withoutPlaceholders`).
 */
export function llamaFactoryRowToRecord(
  row: Record<string, unknown>,
  context: RowContext = {}
): RowResult {
  const problems: string[] = []
  const rawTurns = Array.isArray(row.conversations)
    ? row.conversations
    : Array.isArray(row.messages)
      ? row.messages
      : null
  const turns = (rawTurns ?? []).map(turnOf)
  if (!rawTurns || turns.length === 0 || turns.some((t) => t === null)) {
    problems.push('conversations is not a list of {from, value} turns')
  }
  const valid = turns.filter((t): t is Turn => t !== null)
  problems.push(
    ...roleProblems(
      valid.map((t) => t.role),
      'user',
      { user: 'human', assistant: 'gpt', system: 'system' }
    )
  )
  if (valid.at(-1)?.role !== 'human')
    problems.push('the conversation does not end with a human turn')
  const human = valid.filter((t) => t.role === 'human')
  if (human.length > 1) problems.push('multi-turn conversations are not supported')
  const answers: string[] = []
  for (const column of ['chosen', 'rejected'] as const) {
    const turn = turnOf(row[column])
    if (!turn || turn.role !== 'gpt') problems.push(`${column} is not a gpt turn`)
    else if (!turn.text.trim()) problems.push(`${column} has no text`)
    answers.push(turn?.text ?? '')
  }
  const images: RecordImage[] = []
  for (const raw of Array.isArray(row.images) ? row.images : []) {
    const image = toRecordImage(raw)
    if (typeof image === 'string') problems.push(image)
    else images.push(image)
  }
  const tokens = [...valid.map((t) => t.text), ...answers].reduce(
    (sum, text) => sum + countImageTokens(text),
    0
  )
  if (tokens !== images.length)
    problems.push(`${tokens} ${IMAGE_TOKEN} tokens but ${images.length} images`)
  if (images.length === 0) problems.push('the row has no image')
  if (problems.length) return { record: null, problems }
  return {
    record: {
      id: asId(row.id),
      question: questionOfHumanTurn((human[0] as Turn).text, context.ownExport === true),
      chosen: answers[0] as string,
      rejected: answers[1] as string,
      tier: asTier(row.tier),
      images
    },
    problems: []
  }
}

/** The question of a human turn: a labelled sequence's labels go with their placeholders. */
function questionOfHumanTurn(text: string, own: boolean): string {
  return questionOfLabelledText(text, IMAGE_TOKEN) ?? withoutPlaceholders(text, own)
}

/**
 * A human turn's text without its `<image>` placeholders. In a Delta Studio export (`own`) they
 * are exactly the leading run, and every other `<image>` was neutralised, so only that run goes.
 * Elsewhere the leading run goes with a newline after each (the common `<image>\n` layout), and a
 * placeholder inside the text goes with one of the spaces around it, so "in <image> here" reads
 * "in here". The text between placeholders is otherwise kept byte for byte.
 */
export function withoutPlaceholders(text: string, own = false): string {
  let rest = text
  while (rest.startsWith(IMAGE_TOKEN)) {
    rest = rest.slice(IMAGE_TOKEN.length)
    if (!own && rest.startsWith('\n')) rest = rest.slice(1)
  }
  if (own) return rest
  return rest.replaceAll(` ${IMAGE_TOKEN} `, ' ').split(IMAGE_TOKEN).join('')
}
