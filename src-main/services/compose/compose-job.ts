import { defineJobKind } from '../jobs/job-kind'
import { runCompose } from './run-compose'

/** The `compose` job kind (S2H simple-to-hard composition). */
export const composeJobKind = defineJobKind('compose', {
  unit: 'samples',
  run: (ctx) => runCompose(ctx)
})
