import { describe, expect, it } from 'vitest'

import {
  PRESETS,
  RecipeError,
  describeRecipe,
  formatRecipe,
  parseRecipe,
  presetRecipe,
  recipeKey,
  recipeSeed,
  validateRecipe
} from './recipes'

describe('parseRecipe', () => {
  it('reads single steps with defaults', () => {
    expect(parseRecipe('downsample:4')).toEqual({
      steps: [{ type: 'downsample', factor: 4, kernel: 'lanczos3', restore: true }]
    })
    expect(parseRecipe('jpeg:20')).toEqual({ steps: [{ type: 'jpeg', quality: 20 }] })
    expect(parseRecipe('noise:25')).toEqual({ steps: [{ type: 'noise', sigma: 25, seed: 0 }] })
    expect(parseRecipe('pixelate:8')).toEqual({ steps: [{ type: 'pixelate', block: 8 }] })
    expect(parseRecipe(' none ')).toEqual({ steps: [] })
  })

  it('reads chains and options in any order', () => {
    expect(parseRecipe('blur:2+jpeg:40')).toEqual({
      steps: [
        { type: 'blur', sigma: 2 },
        { type: 'jpeg', quality: 40 }
      ]
    })
    expect(parseRecipe('downsample:2.5:small:cubic').steps[0]).toEqual({
      type: 'downsample',
      factor: 2.5,
      kernel: 'cubic',
      restore: false
    })
    expect(parseRecipe('noise:10:seed=7').steps[0]).toEqual({ type: 'noise', sigma: 10, seed: 7 })
  })

  it('resolves levels to the preset numbers', () => {
    expect(parseRecipe('blur:severe')).toEqual({
      steps: [{ type: 'blur', sigma: PRESETS.blur.severe }]
    })
    expect(recipeKey(presetRecipe('jpeg', 'medium'))).toBe(`jpeg:${PRESETS.jpeg.medium}`)
  })

  it.each([
    ['', 'empty recipe'],
    ['sharpen:2', 'unknown step "sharpen"'],
    ['downsample:1', 'downsample factor must be 2–16, got 1'],
    ['downsample:17', 'must be 2–16'],
    ['downsample:4:bicubic', 'neither a kernel'],
    ['jpeg:20.5', 'jpeg quality must be an integer'],
    ['jpeg:0', 'jpeg quality must be 1–100'],
    ['blur', 'blur needs a sigma'],
    ['blur:abc', '"abc" is not a blur sigma'],
    ['blur:2:fast', 'blur takes no option "fast"'],
    ['blur:1.23456', 'at most 3 decimals'],
    ['noise:25:seed=x', 'noise option "seed=x" is not seed=<n>'],
    ['noise:25:seed=99999999999', 'noise seed must be'],
    ['pixelate:65', 'pixelate block must be 2–64'],
    ['blur:2+', 'unknown step ""']
  ])('refuses %j with a message naming the problem', (text, message) => {
    expect(() => parseRecipe(text)).toThrow(RecipeError)
    expect(() => parseRecipe(text)).toThrow(message)
  })
})

describe('keys and text form', () => {
  it('gives one canonical key per recipe whatever the spelling', () => {
    const spellings = [
      'downsample:4',
      'downsample:4:restore:lanczos3',
      'downsample:medium:lanczos3'
    ]
    const keys = new Set(spellings.map((text) => recipeKey(parseRecipe(text))))
    expect([...keys]).toEqual(['downsample:4:lanczos3:restore'])
    expect(recipeKey(parseRecipe('noise:25'))).toBe('noise:25:seed=0')
    expect(recipeKey(parseRecipe('blur:2.50+jpeg:40'))).toBe('blur:2.5+jpeg:40')
    expect(recipeKey(parseRecipe('none'))).toBe('none')
  })

  it('keeps distinct recipes apart', () => {
    const texts = [
      'downsample:4',
      'downsample:4:small',
      'downsample:4:cubic',
      'noise:25',
      'noise:25:seed=1',
      'blur:2+jpeg:40',
      'jpeg:40+blur:2'
    ]
    expect(new Set(texts.map((text) => recipeKey(parseRecipe(text)))).size).toBe(texts.length)
  })

  it('round-trips text and JSON', () => {
    for (const text of [
      'downsample:4',
      'downsample:3:nearest:small',
      'noise:25:seed=9',
      'blur:2+jpeg:40',
      'none'
    ]) {
      const recipe = parseRecipe(text)
      expect(formatRecipe(recipe)).toBe(text)
      expect(parseRecipe(recipeKey(recipe))).toEqual(recipe)
      expect(validateRecipe(JSON.parse(JSON.stringify(recipe)))).toEqual(recipe)
    }
  })

  it('validates decoded JSON', () => {
    expect(() => validateRecipe({ steps: [{ type: 'blur', sigma: 99 }] })).toThrow('blur sigma')
    expect(() =>
      validateRecipe({
        steps: [{ type: 'downsample', factor: 2, kernel: 'box' as never, restore: true }]
      })
    ).toThrow('unknown resampling kernel "box"')
  })

  it('reports seed and strength for provenance', () => {
    expect(recipeSeed(parseRecipe('blur:2+noise:5:seed=3'))).toBe(3)
    expect(recipeSeed(parseRecipe('blur:2'))).toBeNull()
    expect(describeRecipe(parseRecipe('jpeg:20'))).toEqual({ type: 'jpeg', level: 20 })
    expect(describeRecipe(parseRecipe('blur:2+jpeg:20'))).toEqual({ type: 'chain', level: null })
    expect(describeRecipe(parseRecipe('none'))).toEqual({ type: 'none', level: null })
  })

  it('grades presets from mild to severe', () => {
    for (const type of ['downsample', 'blur', 'noise', 'pixelate'] as const) {
      expect(PRESETS[type].mild).toBeLessThan(PRESETS[type].medium)
      expect(PRESETS[type].medium).toBeLessThan(PRESETS[type].severe)
    }
    // Lower JPEG quality is the stronger degradation.
    expect(PRESETS.jpeg.mild).toBeGreaterThan(PRESETS.jpeg.severe)
  })
})
