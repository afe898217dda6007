import { z } from 'zod'

import { defineJobKind } from '../jobs/job-kind'
import { IMPORT_FORMATS } from './import-rows'
import { runImport } from './run-import'

export const ImportJobParams = z
  .object({
    source: z.string().min(1).max(4096),
    format: z.enum(IMPORT_FORMATS).default('auto'),
    defaultQuestion: z.string().min(1).max(20_000).optional()
  })
  .strict()

/** The `import` job: register with `runner.register(importJobKind)`. Re-runs skip duplicates. */
export const importJobKind = defineJobKind({
  kind: 'import',
  unit: 'rows',
  params: ImportJobParams,
  run: async (ctx) => runImport(ctx.project, ctx.params, ctx)
})
