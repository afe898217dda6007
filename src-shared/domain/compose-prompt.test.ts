import { describe, expect, it } from 'vitest'

import {
  labelledPromptText,
  promptParts,
  questionOfLabelledText,
  questionOfParts
} from './compose-prompt'

describe('promptParts', () => {
  it('labels each image of a sequence and puts the question last', () => {
    expect(promptParts('In Image 2, what?', 3, true)).toEqual([
      { text: 'Image1:' },
      { image: 0 },
      { text: 'Image2:' },
      { image: 1 },
      { text: 'Image3:' },
      { image: 2 },
      { text: 'In Image 2, what?' }
    ])
  })

  it('shows one image (a grid, a guided target) before the question, unlabelled', () => {
    expect(promptParts('What?', 1, true)).toEqual([{ image: 0 }, { text: 'What?' }])
    expect(promptParts('What?', 2, false)).toEqual([{ image: 0 }, { image: 1 }, { text: 'What?' }])
  })
})

describe('reading a labelled prompt back', () => {
  it('drops the labels of the images they precede and keeps every other text', () => {
    expect(questionOfParts(promptParts('In Image 2, what?', 3, true))).toBe('In Image 2, what?')
    // A label that does not name the image after it is text of the question.
    const odd = [{ text: 'Image2:' }, { image: 0 }, { text: 'Which?' }]
    expect(questionOfParts(odd)).toBe('Image2:\nWhich?')
    expect(questionOfParts([{ image: 0 }, { text: 'Image1:' }])).toBe('Image1:')
  })

  it('writes and reads the one-string form', () => {
    const text = labelledPromptText('In Image 1, what?', 2, '<image>')
    expect(text).toBe('Image1: <image>\nImage2: <image>\nIn Image 1, what?')
    expect(questionOfLabelledText(text, '<image>')).toBe('In Image 1, what?')
    expect(questionOfLabelledText('Image1: <image>\nWhat?', '<image>')).toBeNull()
    expect(questionOfLabelledText('<image><image>What?', '<image>')).toBeNull()
  })
})
