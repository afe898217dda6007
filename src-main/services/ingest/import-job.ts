import { defineJobKind } from '../jobs/job-kind'
import { runImport } from './run-import'

/** The `import` job: register with `runner.register(importJobKind)`. Re-runs skip duplicates. */
export const importJobKind = defineJobKind('import', {
  unit: 'rows',
  run: async (ctx) => runImport(ctx.project, ctx.params, ctx)
})
