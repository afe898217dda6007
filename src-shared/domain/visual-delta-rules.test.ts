import { describe, expect, it } from 'vitest'

import { decidePair, flipLevel } from './visual-delta-rules'

describe('decidePair', () => {
  it('label-free keeps differing answers and drops equal ones', () => {
    expect(decidePair({ mode: 'label-free', hq: '7', lq: 'Seven.' })).toEqual({
      keep: false,
      reason: 'same answer'
    })
    expect(decidePair({ mode: 'label-free', hq: '7', lq: '9' })).toEqual({
      keep: true,
      chosenCorrect: null,
      rejectedCorrect: null
    })
  })

  it('label-free fills correctness when ground truth exists', () => {
    expect(decidePair({ mode: 'label-free', hq: '9', lq: '7', groundTruth: '7' })).toEqual({
      keep: true,
      chosenCorrect: false,
      rejectedCorrect: true
    })
  })

  it('label-based keeps only chosen right and rejected wrong', () => {
    const base = { mode: 'label-based' as const, groundTruth: 'red' }
    expect(decidePair({ ...base, hq: 'Red', lq: 'blue' })).toMatchObject({ keep: true })
    expect(decidePair({ ...base, hq: 'blue', lq: 'green' })).toEqual({
      keep: false,
      reason: 'HQ answer is wrong'
    })
    expect(decidePair({ ...base, hq: 'red', lq: 'It is red.' })).toEqual({
      keep: false,
      reason: 'LQ answer is right'
    })
    expect(decidePair({ mode: 'label-based', hq: 'a', lq: 'b' })).toEqual({
      keep: false,
      reason: 'no ground truth'
    })
  })

  it('label-based honours numeric tolerance and option letters', () => {
    expect(
      decidePair({
        mode: 'label-based',
        hq: '41',
        lq: '30',
        groundTruth: '42',
        tolerance: { absoluteTolerance: 2 }
      })
    ).toMatchObject({ keep: true })
    expect(decidePair({ mode: 'label-based', hq: '(B)', lq: 'A', groundTruth: 'B' })).toMatchObject(
      { keep: true }
    )
  })
})

describe('flipLevel', () => {
  const outcomes = [
    { type: 'downsample', level: 2, changed: false },
    { type: 'downsample', level: 4, changed: true },
    { type: 'downsample', level: 8, changed: true },
    { type: 'jpeg', level: 50, changed: false },
    { type: 'jpeg', level: 20, changed: true },
    { type: 'jpeg', level: 8, changed: true },
    { type: 'blur', level: 1, changed: false }
  ]
  it('is the mildest level that changed the answer', () => {
    expect(flipLevel('downsample', outcomes)).toBe(4)
    expect(flipLevel('jpeg', outcomes)).toBe(20)
  })
  it('is null when no level changed it', () => {
    expect(flipLevel('blur', outcomes)).toBeNull()
    expect(flipLevel('noise', outcomes)).toBeNull()
  })
})
