import { describe, expect, it } from 'vitest'

import {
  llamaFactoryLoadProblems,
  rlaifVAsLlamaFactoryRow,
  rlaifVLoadProblems,
  trlLoadProblems
} from './load-checks'

const user = (...content: unknown[]) => [{ role: 'user', content }]
const assistant = (text: string) => [{ role: 'assistant', content: [{ type: 'text', text }] }]

describe('stack load checks catch what the stacks raise on', () => {
  it('TRL: placeholders differ from images, or a literal <image> in an answer', () => {
    const row = {
      prompt: user({ type: 'image' }, { type: 'text', text: 'q' }),
      chosen: assistant('a'),
      rejected: assistant('b'),
      images: ['x.png', 'y.png']
    }
    expect(trlLoadProblems(row)).toEqual([
      '1 image placeholders for 2 images (TRL raises on the mismatch)'
    ])
    expect(
      trlLoadProblems({ ...row, images: ['x.png'], chosen: assistant('see <image>') })
    ).toEqual(["chosen holds a literal <image>, which the model's processor expands as a slot"])
  })

  it('LLaMA-Factory: counts <image> in chosen and rejected too, and refuses <video>', () => {
    const row = {
      conversations: [{ from: 'human', value: '<image>What is it?' }],
      chosen: { from: 'gpt', value: 'A <image> of a cat.' },
      rejected: { from: 'gpt', value: 'A <video>.' },
      images: ['x.png']
    }
    expect(llamaFactoryLoadProblems(row)).toEqual([
      'prompt + chosen hold 2 <image> for 1 (the multimodal plugin raises)',
      'prompt + rejected hold 1 <video> for 0 (the multimodal plugin raises)'
    ])
  })

  it("RLAIF-V: the old card's recipe (no image token) can never load a row", () => {
    const row = {
      question: 'What is it?',
      chosen: 'a',
      rejected: 'b',
      origin_dataset: 'p',
      origin_split: '{}',
      idx: '1',
      image_path: 'x.png',
      image: { bytes: new Uint8Array([1]), path: 'x.png' }
    }
    expect(rlaifVLoadProblems(row)).toEqual([])
    expect(llamaFactoryLoadProblems(rlaifVAsLlamaFactoryRow(row))).toEqual([
      'prompt + chosen hold 0 <image> for 1 (the multimodal plugin raises)',
      'prompt + rejected hold 0 <image> for 1 (the multimodal plugin raises)'
    ])
    const withTokens = { ...row, image_tokens: '<image>' }
    expect(llamaFactoryLoadProblems(rlaifVAsLlamaFactoryRow(withTokens))).toEqual([])
  })
})
