import { describe, expect, it } from 'vitest'

import { llamaFactoryRowToRecord } from './llamafactory/rules'
import { rlaifVRowToRecord } from './rlaif-v/rules'
import { trlRowToRecord } from './trl/rules'

const bytes = new Uint8Array([1, 2, 3])

describe('trlRowToRecord', () => {
  it('reads a standard (string) row with a single `image` column', () => {
    const result = trlRowToRecord({
      prompt: 'What is it?',
      chosen: 'A cat.',
      rejected: 'A dog.',
      image: { bytes, path: 'a.png' }
    })
    expect(result.problems).toEqual([])
    expect(result.record).toMatchObject({
      question: 'What is it?',
      chosen: 'A cat.',
      rejected: 'A dog.',
      images: [{ kind: 'bytes', name: 'a.png' }]
    })
  })

  it('names every broken rule of a row', () => {
    const result = trlRowToRecord({
      prompt: [
        { role: 'assistant', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: [{ type: 'image' }] }
      ],
      chosen: [{ role: 'assistant', content: [{ type: 'text', text: '' }] }],
      rejected: [],
      images: []
    })
    expect(result.record).toBeNull()
    expect(result.problems).toEqual([
      'rejected is not a non-empty list of messages',
      'prompt: turn 1 is "assistant", expected "user"',
      'prompt does not end with a user turn',
      'multi-turn prompts are not supported',
      'chosen has no text',
      'rejected must be one assistant turn',
      '1 image placeholders but 0 images',
      'the row has no image'
    ])
  })
})

describe('llamaFactoryRowToRecord', () => {
  it('accepts OpenAI-style role tags and strips image tokens from the question', () => {
    const result = llamaFactoryRowToRecord({
      messages: [{ role: 'user', content: '<image><image>Which differs?' }],
      chosen: { role: 'assistant', content: 'The second.' },
      rejected: { role: 'assistant', content: 'The first.' },
      images: ['a.png', 'b.png']
    })
    expect(result.record).toMatchObject({ question: 'Which differs?', chosen: 'The second.' })
  })

  it('keeps the question text around placeholders, and counts <image> in the answers too', () => {
    const row = (question: string, chosen = 'A cat.') => ({
      conversations: [{ from: 'human', value: question }],
      chosen: { from: 'gpt', value: chosen },
      rejected: { from: 'gpt', value: 'A dog.' },
      images: ['a.png']
    })
    const question = (value: string, own = false) =>
      llamaFactoryRowToRecord(row(value), { ownExport: own }).record?.question
    expect(question('<image>\nWhat is it?')).toBe('What is it?')
    expect(question('What is shown in <image> here?')).toBe('What is shown in here?')
    // A Delta Studio export: only the leading run is placeholders; the text is kept exactly.
    expect(question('<image>\nstarts with a newline', true)).toBe('\nstarts with a newline')
    expect(llamaFactoryRowToRecord(row('<image>Q', 'An <image>.')).problems).toEqual([
      '2 <image> tokens but 1 images'
    ])
  })

  it('rejects token and image counts that differ, and a conversation ending with gpt', () => {
    const result = llamaFactoryRowToRecord({
      conversations: [
        { from: 'human', value: '<image>Q' },
        { from: 'gpt', value: 'A' }
      ],
      chosen: { from: 'gpt', value: 'x' },
      rejected: { from: 'gpt', value: 'y' },
      images: ['a.png', 'b.png']
    })
    expect(result.problems).toEqual([
      'the conversation does not end with a human turn',
      '1 <image> tokens but 2 images'
    ])
  })
})

describe('rlaifVRowToRecord', () => {
  it('reads SeVa-style `reject` and reports a missing image', () => {
    expect(
      rlaifVRowToRecord({ question: 'Q', chosen: 'c', reject: 'r', image: { bytes, path: null } })
        .record
    ).toMatchObject({ rejected: 'r', images: [{ kind: 'bytes' }] })
    expect(rlaifVRowToRecord({ question: 'Q', chosen: 'c', rejected: 'r' }).problems).toEqual([
      'an image is neither a path nor a {bytes, path} struct with data'
    ])
  })
})
