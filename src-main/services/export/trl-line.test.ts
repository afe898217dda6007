import { describe, expect, it } from 'vitest'

import type { ExportPair } from './pair-source'
import { toTrlRow } from './row-builders'
import { quoteTexts } from './content-id'
import { trlJsonLine } from './trl-line'

const pair = (over: Partial<ExportPair>): ExportPair => ({
  pairId: 1,
  id: '0123456789abcdef',
  question: 'What is shown?',
  chosen: 'A cat.',
  rejected: 'A dog.',
  tier: 2,
  status: 'accepted',
  origin: 'visual-delta',
  judgeScore: null,
  deltaTokens: null,
  recipeKey: null,
  perturbType: null,
  model: null,
  testModel: false,
  images: [],
  ...over
})

describe('trlJsonLine', () => {
  it.each([
    ['plain, one image', pair({}), ['images/a.jpg']],
    ['no image', pair({}), []],
    ['three images', pair({ tier: 3 }), ['images/a.jpg', 'images/b.png', 'images/c.webp']],
    [
      'quotes, escapes, newlines, unicode and a lone surrogate',
      pair({
        question: 'Say "hi"\\ \n\t<image> ünïcödé 🐱 \u2028',
        chosen: '\ud800 lone',
        rejected: '\u0000\u001f control'
      }),
      ['images/"odd".jpg']
    ]
  ])('equals JSON.stringify(toTrlRow(...)): %s', (_label, record, paths) => {
    expect(trlJsonLine(record, paths, quoteTexts(record))).toBe(
      JSON.stringify(toTrlRow(record, [...paths]))
    )
  })
})
