import { z } from 'zod'

import { method } from './define'

const GgufFile = z
  .object({
    file: z.string().regex(/^[\w.+-]+\.gguf$/, 'a .gguf file name'),
    /** Approximate download size; the file's own size wins once it is on disk. */
    approxBytes: z.number().int().positive()
  })
  .strict()

/** One recommended VLM: a text GGUF and its mmproj projector, as `resources/models/catalog.json` lists it. */
export const CatalogModel = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    name: z.string().min(1),
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name'),
    model: GgufFile,
    mmproj: GgufFile,
    parameters: z.string().min(1),
    licence: z.string().min(1),
    contextLength: z.number().int().positive(),
    multiImage: z.boolean()
  })
  .strict()
export type CatalogModel = z.infer<typeof CatalogModel>

export const ModelCatalog = z
  .object({ note: z.string(), models: z.array(CatalogModel).min(1) })
  .strict()
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>()
    for (const [i, model] of catalog.models.entries()) {
      if (seen.has(model.id))
        ctx.addIssue({
          code: 'custom',
          path: ['models', i, 'id'],
          message: `duplicate id ${model.id}`
        })
      seen.add(model.id)
    }
  })
export type ModelCatalog = z.infer<typeof ModelCatalog>

export const catalogMethods = {
  'catalog.models': method({
    summary: 'The recommended VLMs shipped with the studio (resources/models/catalog.json).',
    input: z.object({}).strict(),
    output: ModelCatalog
  })
} as const
