import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { resourcePath, readResourceJson } from '../src-main/platform/resources'
import { modelCatalog } from '../src-main/services/inference/model-catalog'
import { DemoRecipe, demoRecipe } from '../src-main/services/demo/demo-recipe'
import { ModelCatalog } from '../src-shared/contract/catalog'

describe('resources/', () => {
  it('ships a model catalogue whose every entry names a GGUF and its projector', () => {
    const catalog = modelCatalog()
    expect(catalog.models.length).toBeGreaterThanOrEqual(3)
    for (const model of catalog.models) {
      expect(model.model.file).toMatch(/\.gguf$/)
      expect(model.mmproj.file).toMatch(/mmproj.*\.gguf$/)
    }
  })

  it('refuses a catalogue entry that breaks the schema, naming the file and the field', () => {
    const broken = ModelCatalog.safeParse({
      note: '',
      models: [{ ...modelCatalog().models[0], model: { file: 'weights.bin', approxBytes: 1 } }]
    })
    expect(broken.success).toBe(false)
    expect(() => readResourceJson('demo/recipe.json', ModelCatalog)).toThrow(
      /resources\/demo\/recipe\.json is invalid: note: .*models: /
    )
  })

  it('ships the demo recipe the demo command and the first-run generation read', () => {
    const recipe = demoRecipe()
    expect(DemoRecipe.parse(recipe)).toEqual(recipe)
    expect(recipe.recipes.length).toBeGreaterThan(0)
  })

  it('ships a square PNG app icon', async () => {
    const meta = await sharp(resourcePath('icons/icon.png')).metadata()
    expect(meta.format).toBe('png')
    expect(meta.width).toBe(512)
    expect(meta.height).toBe(512)
  })

  it('never resolves a path outside the resources folder', () => {
    expect(() => resourcePath('../package.json')).toThrow(/leaves the resources folder/)
    expect(() => resourcePath('/etc/passwd')).not.toThrow() // joined under resources/, not absolute
    expect(resourcePath('/etc/passwd')).toMatch(/resources\/etc\/passwd$/)
  })
})
