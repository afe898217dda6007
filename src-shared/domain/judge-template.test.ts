import { describe, expect, it } from 'vitest'

import { missingMarkers, requiredMarkers } from './judge-template'

describe('missingMarkers', () => {
  it('names the markers a template lacks, counting one seen only in a comment as missing', () => {
    expect(requiredMarkers('judge-images')).toEqual(['prompt', 'image_a', 'image_b'])
    expect(missingMarkers('judge-images', '{{prompt}} {{image_a}} {{image_b}}')).toEqual([])
    expect(missingMarkers('judge-images', '<!-- {{image_b}} -->\n{{prompt}} {{image_a}}')).toEqual([
      'image_b'
    ])
    expect(missingMarkers('judge-answers', '{{question}} {{images}}')).toEqual([
      'answer_a',
      'answer_b'
    ])
  })
})
