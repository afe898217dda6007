import { describe, expect, it } from 'vitest'

import { promptParts } from './compose-prompt'

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
