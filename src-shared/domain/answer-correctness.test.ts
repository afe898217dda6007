import { describe, expect, it } from 'vitest'

import { checkAnswer, optionLetter, pickedOption } from './answer-correctness'

describe('checkAnswer', () => {
  it('matches exactly after normalization', () => {
    expect(checkAnswer('Red.', 'red')).toEqual({ correct: true, rule: 'exact' })
    expect(checkAnswer('The word is CAT', 'the word is cat')).toMatchObject({ correct: true })
  })

  it('compares numbers with a tolerance', () => {
    expect(checkAnswer('There are 7 dots.', '7')).toEqual({ correct: true, rule: 'numeric' })
    expect(checkAnswer('seven', '7')).toMatchObject({ correct: true })
    expect(checkAnswer('8', '7')).toEqual({ correct: false, rule: 'numeric' })
    expect(checkAnswer('no idea', '7')).toEqual({ correct: false, rule: 'numeric' })
    expect(checkAnswer('about 41.5', '42', { absoluteTolerance: 1 })).toMatchObject({
      correct: true
    })
    expect(checkAnswer('39', '42', { relativeTolerance: 0.05 })).toMatchObject({ correct: false })
    expect(checkAnswer('40.5', '42', { relativeTolerance: 0.05 })).toMatchObject({ correct: true })
    expect(checkAnswer('1,000', '1000')).toMatchObject({ correct: true })
  })

  it('reads option letters', () => {
    expect(checkAnswer('B', '(b)')).toEqual({ correct: true, rule: 'option' })
    expect(checkAnswer('(B) the red one', 'B')).toMatchObject({ correct: true })
    expect(checkAnswer('The answer is C.', 'B')).toMatchObject({ correct: false })
    expect(checkAnswer('Blue', 'B')).toMatchObject({ correct: false })
    expect(optionLetter('b.')).toBe('B')
    expect(optionLetter('blue')).toBeNull()
    expect(pickedOption('a) circle')).toBe('A')
    expect(pickedOption('Answer: d')).toBe('D')
    expect(pickedOption('An apple')).toBeNull()
  })

  it('accepts a short answer containing the truth, never a negated one', () => {
    expect(checkAnswer('The mark is red.', 'red')).toEqual({ correct: true, rule: 'contains' })
    expect(checkAnswer('It is not red.', 'red')).toEqual({ correct: false, rule: 'none' })
    expect(checkAnswer('reddish', 'red')).toMatchObject({ correct: false })
    const long = `red ${'word '.repeat(20)}`
    expect(checkAnswer(long, 'red')).toMatchObject({ correct: false })
  })

  it('never counts an empty truth as matched', () => {
    expect(checkAnswer('', '...')).toEqual({ correct: false, rule: 'none' })
  })
})
