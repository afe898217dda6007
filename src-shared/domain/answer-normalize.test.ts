import { describe, expect, it } from 'vitest'

import { answersDiffer, canonicalNumber, extractNumbers, normalizeAnswer } from './answer-normalize'

describe('normalizeAnswer', () => {
  it.each([
    ['Red.', 'red'],
    ['  The   RED  square! ', 'red square'],
    ['1,000', '1000'],
    ['3.50', '3.5'],
    ['007', '7'],
    ['-2.0', '-2'],
    ['Three', '3'],
    ['It is 42.', 'it is 42'],
    ['value: 12.75%', 'value 12.75'],
    ["it's blue-green", 'it s blue green'],
    ['', ''],
    ['...', '']
  ])('%j → %j', (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected)
  })

  it('keeps distinct numbers distinct', () => {
    expect(normalizeAnswer('3.5')).not.toBe(normalizeAnswer('35'))
    expect(normalizeAnswer('1,5')).not.toBe(normalizeAnswer('15'))
    expect(normalizeAnswer('-4')).not.toBe(normalizeAnswer('4'))
  })
})

describe('answersDiffer', () => {
  it('ignores case, whitespace, punctuation and number formatting', () => {
    expect(answersDiffer('Seven', '7.')).toBe(false)
    expect(answersDiffer('The answer is 1000', 'the answer is 1,000!')).toBe(false)
  })
  it('sees a changed word or number', () => {
    expect(answersDiffer('red', 'blue')).toBe(true)
    expect(answersDiffer('3 circles', '4 circles')).toBe(true)
  })
})

describe('numbers', () => {
  it('canonicalizes and extracts numbers, number words included', () => {
    expect(canonicalNumber('1,234.500')).toBe('1234.5')
    expect(extractNumbers('three of 1,200 and -0.5')).toEqual([3, 1200, -0.5])
    expect(extractNumbers('no digits here')).toEqual([])
  })
})
