import type { Command } from 'commander'

import { parseRecipe } from '../../../src-shared/domain/recipes'
import { perturbJobKind } from '../../services/perturb/perturb-job'
import { runCliJob } from '../cli-jobs'
import { printFirstErrors } from '../job-report'
import { fail, info, printJson } from '../output'
import { collect, parsePositiveInt } from '../parse'

export function registerPerturb(program: Command): void {
  program
    .command('perturb')
    .description('Render degraded variants (with PSNR/SSIM) of every original image of a project')
    .argument('<project>', 'project folder')
    .requiredOption(
      '--recipe <spec>',
      'recipe, repeatable: downsample:4, blur:2, jpeg:20, noise:25:seed=1, pixelate:8, blur:mild, blur:2+jpeg:40',
      collect
    )
    .option(
      '--image <id>',
      'only this original image id, repeatable',
      (v: string, prev: number[] = []) => [...prev, parsePositiveInt(v)]
    )
    .option('--max-pixels <n>', 'refuse inputs with more pixels than this', parsePositiveInt)
    .option('--json', 'print the result as one JSON line')
    .action(
      async (
        projectDir: string,
        opts: { recipe: string[]; image?: number[]; maxPixels?: number; json?: boolean }
      ) => {
        try {
          // Refuse a bad spec with the parser's own message before any job is created.
          for (const spec of opts.recipe) parseRecipe(spec)
          const job = await runCliJob(
            projectDir,
            perturbJobKind,
            {
              recipes: opts.recipe,
              ...(opts.image ? { imageIds: opts.image } : {}),
              ...(opts.maxPixels ? { maxPixels: opts.maxPixels } : {})
            },
            { quiet: opts.json }
          )
          if (job.status !== 'completed')
            throw new Error(`perturb ${job.status}: ${job.error ?? ''}`)
          if (opts.json)
            printJson({ job: job.id, status: job.status, errors: job.errorCount, ...job.stats })
          else {
            info(`Perturbed: ${JSON.stringify(job.stats)}`)
            printFirstErrors(projectDir, job, 'images')
          }
        } catch (error) {
          fail(error)
        }
      }
    )
}
