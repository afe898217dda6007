import { describe, expect, it } from 'vitest'

import { countImageParts, countImageTokens, roleProblems } from './image-placeholders'

describe('placeholders', () => {
  it('counts <image> tokens', () => {
    expect(countImageTokens('<image><image>Which?')).toBe(2)
    expect(countImageTokens('no image')).toBe(0)
    expect(countImageTokens('<image')).toBe(0)
  })

  it('counts typed image parts and ignores string content', () => {
    expect(
      countImageParts([
        {
          role: 'user',
          content: [{ type: 'image' }, { type: 'image' }, { type: 'text', text: 'q' }]
        },
        { role: 'assistant', content: 'a <image>' }
      ])
    ).toBe(2)
  })
})

describe('roleProblems', () => {
  it('accepts alternating turns with an optional system turn', () => {
    expect(roleProblems(['system', 'user', 'assistant', 'user'], 'user')).toEqual([])
  })

  it('names the turn that breaks alternation', () => {
    expect(roleProblems(['user', 'user'], 'user')).toEqual([
      'turn 2 is "user", expected "assistant"'
    ])
    expect(roleProblems([], 'user')).toEqual(['no turns'])
    expect(
      roleProblems(['gpt'], 'user', { user: 'human', assistant: 'gpt', system: 'system' })
    ).toEqual(['turn 1 is "gpt", expected "human"'])
  })
})
