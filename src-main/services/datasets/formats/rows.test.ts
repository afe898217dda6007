import { describe, expect, it } from 'vitest'

import { llamaFactoryLoadProblems, rlaifVLoadProblems, trlLoadProblems } from './load-checks'
import { rlaifVAsLlamaFactoryRow } from './load-checks'
import { toLlamaFactoryRow } from './llamafactory/row'
import type { RowPair } from './pair'
import { toRlaifVRow } from './rlaif-v/row'
import { exportText, neutraliseMediaTokens, restoreMediaTokens } from './text-policy'
import { llamaFactoryRowToRecord } from './llamafactory/rules'
import { toTrlRow } from './trl/row'
import { trlRowToRecord } from './trl/rules'

const image = (n: number) => ({ sha256: String(n).repeat(64), format: 'png', bytes: 10 })

/** A pair DTO as composition builds it: images in the order the question refers to them. */
function pair(
  question: string,
  images: number,
  answers = ['Left.', 'Right.'],
  labelledImages = false
): RowPair {
  return {
    id: 'abc',
    tier: 2,
    question,
    chosen: answers[0] as string,
    rejected: answers[1] as string,
    images: Array.from({ length: images }, (_, i) => image(i + 1)),
    origin: 'visual-delta',
    judgeScore: null,
    deltaTokens: null,
    recipeKey: null,
    perturbType: null,
    model: null,
    labelledImages
  }
}

const HOSTILE = 'Is <image> the same as <video>, <audio> or <\u2060image>?'

describe('row builders', () => {
  it('TRL: one image part per image, in image order, and the paths in the same order', () => {
    const row = toTrlRow(pair('Which one is larger?', 3), ['a.png', 'b.png', 'c.png'])
    expect(row.prompt[0]?.content).toEqual([
      { type: 'image' },
      { type: 'image' },
      { type: 'image' },
      { type: 'text', text: 'Which one is larger?' }
    ])
    expect(row.images).toEqual(['a.png', 'b.png', 'c.png'])
    expect(trlLoadProblems(row as unknown as Record<string, unknown>)).toEqual([])
  })

  it('LLaMA-Factory: one <image> per image, in front of the question', () => {
    const row = toLlamaFactoryRow(pair('Which one is larger?', 2), ['a.png', 'b.png'])
    expect(row.conversations).toEqual([
      { from: 'human', value: '<image><image>Which one is larger?' }
    ])
    expect(row.images).toEqual(['a.png', 'b.png'])
    expect(llamaFactoryLoadProblems(row as unknown as Record<string, unknown>)).toEqual([])
  })

  it('keep a composed sequence labelled as the model was asked, and read its question back', () => {
    const labelled = pair('In Image 2, how many triangles?', 3, undefined, true)
    const trl = toTrlRow(labelled, ['a.png', 'b.png', 'c.png'])
    expect(trl.prompt[0]?.content).toEqual([
      { type: 'text', text: 'Image1:' },
      { type: 'image' },
      { type: 'text', text: 'Image2:' },
      { type: 'image' },
      { type: 'text', text: 'Image3:' },
      { type: 'image' },
      { type: 'text', text: 'In Image 2, how many triangles?' }
    ])
    expect(trlLoadProblems(trl as unknown as Record<string, unknown>)).toEqual([])
    expect(trlRowToRecord(trl as unknown as Record<string, unknown>).record?.question).toBe(
      'In Image 2, how many triangles?'
    )
    const lf = toLlamaFactoryRow(labelled, ['a.png', 'b.png', 'c.png'])
    expect(lf.conversations[0]?.value).toBe(
      'Image1: <image>\nImage2: <image>\nImage3: <image>\nIn Image 2, how many triangles?'
    )
    expect(llamaFactoryLoadProblems(lf as unknown as Record<string, unknown>)).toEqual([])
    const back = llamaFactoryRowToRecord(lf as unknown as Record<string, unknown>, {
      ownExport: true
    })
    expect(back.record?.question).toBe('In Image 2, how many triangles?')
  })

  it('refuse an image list that does not match the record', () => {
    expect(() => toTrlRow(pair('q', 2), ['a.png'])).toThrow(/1 images given for 2/)
    expect(() => toLlamaFactoryRow(pair('q', 1), [])).toThrow(/0 images given for 1/)
    expect(() => toRlaifVRow(pair('q', 2), 'a', 'a', { dataset: 'd', project: 'p' })).toThrow(
      /one image per row/
    )
  })

  it('apply the same text policy in every format, to the question and both answers', () => {
    const hostile = pair(HOSTILE, 1, [`Yes <image>`, `No <audio>`])
    const expected = exportText(HOSTILE)
    expect(expected).not.toMatch(/<(image|video|audio)>/)
    const trl = toTrlRow(hostile, ['a.png'])
    expect(trl.prompt[0]?.content.at(-1)).toEqual({ type: 'text', text: expected })
    expect(trl.chosen[0]?.content[0]).toEqual({ type: 'text', text: exportText('Yes <image>') })
    expect(trlLoadProblems(trl as unknown as Record<string, unknown>)).toEqual([])
    const lf = toLlamaFactoryRow(hostile, ['a.png'])
    expect(lf.conversations[0]?.value).toBe(`<image>${expected}`)
    expect(lf.rejected.value).toBe(exportText('No <audio>'))
    expect(llamaFactoryLoadProblems(lf as unknown as Record<string, unknown>)).toEqual([])
    const rlaif = toRlaifVRow(hostile, { bytes: new Uint8Array([1]), path: 'a.png' }, 'a.png', {
      dataset: 'd',
      project: 'p'
    })
    expect(rlaif.question).toBe(expected)
    expect(rlaif.chosen).toBe(exportText('Yes <image>'))
    const rlaifRow = rlaif as unknown as Record<string, unknown>
    expect(rlaifVLoadProblems(rlaifRow)).toEqual([])
    expect(llamaFactoryLoadProblems(rlaifVAsLlamaFactoryRow(rlaifRow))).toEqual([])
  })
})

describe('text policy', () => {
  it('neutralises media tokens reversibly, byte for byte, and leaves other text alone', () => {
    for (const text of [HOSTILE, '<image>', '<\u2060\u2060video>x', 'a < b > c <images>', '']) {
      expect(restoreMediaTokens(neutraliseMediaTokens(text))).toBe(text)
    }
    expect(neutraliseMediaTokens('a < b > c <images> <Image>')).toBe('a < b > c <images> <Image>')
  })

  it('writes lone surrogates as U+FFFD and keeps control characters', () => {
    expect(exportText('a\ud800b')).toBe('a\ufffdb')
    expect(exportText('a\u0000b\u0007')).toBe('a\u0000b\u0007')
  })
})
