import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'

import { writeTestVlm } from '../../services/inference/tiny-vlm'
import { fail, info, printJson } from '../output'

function parseSeed(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new InvalidArgumentError(`"${value}" is not a seed (0–4294967295)`)
  }
  return n
}

export function registerModel(program: Command): void {
  const model = program.command('model').description('Vision-language model files')

  model
    .command('make-test')
    .description(
      'Write the tiny random-weight test VLM (text GGUF + mmproj); answers are meaningless'
    )
    .argument(
      '<dir>',
      'folder to write tiny-text.gguf and tiny-mmproj.gguf into; created if missing'
    )
    .option('--seed <n>', 'weight seed; the same seed gives identical files', parseSeed, 0)
    .option('--json', 'print {"model","mmproj"}')
    .action((dir: string, opts: { seed: number; json?: boolean }) => {
      try {
        const files = writeTestVlm(dir, { seed: opts.seed })
        if (opts.json) printJson({ model: files.model, mmproj: files.mmproj })
        else
          info(`Test VLM (random weights, seed ${opts.seed}):\n  ${files.model}\n  ${files.mmproj}`)
      } catch (error) {
        fail(error)
      }
    })
}
