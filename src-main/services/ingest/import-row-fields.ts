import { IMAGE_KEYS } from './import-rows'

const QUESTION_KEYS = ['question', 'prompt', 'query', 'instruction']
const ANSWER_KEYS = ['answer', 'ground_truth', 'gt', 'label', 'answers']
const ID_KEYS = ['id', 'question_id', 'sample_id', 'qid']

export type RowFields = {
  readonly question: string
  readonly answer: string | null
  readonly externalId: string | null
  readonly metadata: Record<string, unknown> | null
}

function firstKey(record: Record<string, unknown>, keys: string[]): string | undefined {
  return keys.find((key) => record[key] !== undefined && record[key] !== null && record[key] !== '')
}

/**
 * The question, optional answer, optional id and remaining metadata of a row.
 * An answer list (VQA style) keeps its most frequent entry (first on ties).
 * @throws Error with the reason when the row has no usable question or a malformed field.
 */
export function rowFields(record: Record<string, unknown>): RowFields {
  const questionKey = firstKey(record, QUESTION_KEYS)
  const question = questionKey ? record[questionKey] : undefined
  if (typeof question !== 'string' || question.trim() === '') {
    throw new Error(`no question (expected one of: ${QUESTION_KEYS.join(', ')})`)
  }
  if (question.length > 20_000) throw new Error('question is longer than 20,000 characters')
  const answerKey = firstKey(record, ANSWER_KEYS)
  const answer = answerKey ? answerText(record[answerKey]) : null
  const idKey = firstKey(record, ID_KEYS)
  const id = idKey ? record[idKey] : undefined
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
    throw new Error(`"${idKey}" must be a string or a number`)
  }
  const used = new Set([questionKey, answerKey, idKey, ...IMAGE_KEYS])
  const rest = Object.entries(record).filter(([key, value]) => !used.has(key) && value !== '')
  return {
    question: question.trim(),
    answer,
    externalId: id === undefined ? null : String(id),
    metadata: rest.length ? Object.fromEntries(rest) : null
  }
}

function answerText(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.length > 0) {
    const texts = value.map((v) =>
      v && typeof v === 'object' && 'answer' in v
        ? String((v as { answer: unknown }).answer)
        : String(v)
    )
    const counts = new Map<string, number>()
    for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1)
    return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0]
  }
  throw new Error('answer must be text, a number, or a list of answers')
}
