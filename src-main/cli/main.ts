import { Command } from 'commander'

import { STUDIO_VERSION } from '../platform/version'
import { registerCompose } from './commands/compose'
import { registerDemo } from './commands/demo'
import { registerGenerate } from './commands/generate'
import { registerExport } from './commands/export'
import { registerImport } from './commands/import'
import { registerInfer } from './commands/infer'
import { registerJobs } from './commands/jobs'
import { registerJudge } from './commands/judge'
import { registerModel } from './commands/model'
import { registerPerturb } from './commands/perturb'
import { registerServe } from './commands/serve'
import { registerSidecar } from './commands/sidecar'
import { registerStats } from './commands/stats'

/** Builds the `delta-studio` program; each command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command()
    .name('delta-studio')
    .description('Delta Studio: build visual preference (DPO) datasets for vision-language models')
    .version(STUDIO_VERSION)
    .option('--debug', 'print stack traces of failures (for bug reports)')
    .hook('preAction', (command) => {
      if (command.opts<{ debug?: boolean }>().debug) process.env.DELTA_STUDIO_DEBUG = '1'
    })
  registerServe(program)
  registerSidecar(program)
  registerModel(program)
  registerInfer(program)
  registerDemo(program)
  registerImport(program)
  registerCompose(program)
  registerGenerate(program)
  registerStats(program)
  registerExport(program)
  registerPerturb(program)
  registerJobs(program)
  registerJudge(program)
  return program
}

export async function runCli(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv)
}
