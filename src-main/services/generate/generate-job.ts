import { defineJobKind } from '../jobs/job-kind'
import { runGeneration } from './run-generation'

/**
 * The `generate` job kind: `runner.register(generateJobKind({ onPairs }))`. `onPairs` hears the
 * ids of pairs as they are committed (the composition root publishes `pairs.changed`).
 */
export function generateJobKind(deps: { onPairs?: (ids: number[]) => void } = {}) {
  return defineJobKind('generate', {
    unit: 'samples',
    run: (ctx) => runGeneration(ctx, { onPairs: deps.onPairs })
  })
}
