import type { Command } from 'commander'

import { createDemoProject } from '../../services/demo/demo-dataset'
import { demoRecipe } from '../../services/demo/demo-recipe'
import { fail, info, printJson } from '../output'
import { parsePositiveInt } from '../parse'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Create a demo project: generated images whose answers hinge on fine detail, with ground truth'
    )
    .argument('<dir>', 'new or empty folder (an existing demo project is completed)')
    .option('--seed <n>', 'generator seed; same seed, same dataset', parsePositiveInt, demoRecipe().seed)
    .option('--count <n>', 'number of images', parsePositiveInt, demoRecipe().count)
    .option('--json', 'print {"project": …, "samples": N}')
    .action(async (dir: string, opts: { seed: number; count: number; json?: boolean }) => {
      try {
        const result = await createDemoProject(dir, {
          seed: opts.seed,
          count: opts.count,
          onProgress: (done, total) => {
            if (!opts.json && (done % 10 === 0 || done === total))
              info(`demo: ${done}/${total} images`)
          }
        })
        if (opts.json) printJson(result)
        else info(`Demo project with ${result.samples} samples in ${result.project}`)
      } catch (error) {
        fail(error)
      }
    })
}
