import { storeFor } from '../../store/store'
import { defineJobKind } from '../jobs/job-kind'
import { runEvaluation } from './eval/run-eval'
import { runJudgePairs } from './judge-pairs'
import { judgeModelName, openJudgeTarget } from './judge-target'
import type { StudioInference } from './judge-target'
import { loadJudgeTemplate } from './prompt-template'
import { runRankPrompts } from './rank-prompts'

/** `judge`: audits the pairs matching a filter; `onPairs` hears the ids whose score changed. */
export function judgeJobKind(
  deps: { onPairs?: (ids: number[]) => void; studio?: StudioInference } = {}
) {
  return defineJobKind('judge', {
    unit: 'pairs',
    run: (ctx) => runJudgePairs(ctx, { onPairs: deps.onPairs, studio: deps.studio })
  })
}

/** `rank`: ranks the images of each prompt of a prompt set and keeps preference pairs. */
export function rankJobKind(deps: { studio?: StudioInference } = {}) {
  return defineJobKind('rank', {
    unit: 'prompts',
    run: (ctx) => runRankPrompts(ctx, { studio: deps.studio })
  })
}

/** `eval-prefs`: accuracy on an ImageReward or HPD v2 test set, stored as a report. */
export function evalPrefsJobKind(deps: { studio?: StudioInference } = {}) {
  return defineJobKind('eval-prefs', {
    unit: 'groups',
    run: async (ctx) => {
      const store = storeFor(ctx.project.db)
      const template = await loadJudgeTemplate('judge-images', store.promptTemplates)
      ctx.setMessage('Starting the judge…')
      const target = await openJudgeTarget(ctx.params, { signal: ctx.signal, studio: deps.studio })
      try {
        ctx.setMessage(null)
        const { report } = await runEvaluation(
          ctx.params,
          target,
          template.body,
          judgeModelName(target),
          {
            signal: ctx.signal,
            setTotal: (n) => ctx.setTotal(n),
            advance: () => ctx.advance(1),
            recordError: (item, reason) => ctx.recordError(item, reason)
          }
        )
        const reportId = store.evalReports.create(ctx.jobId, report)
        return {
          reportId,
          accuracy: report.accuracy,
          pairs: report.pairs,
          skipped: report.skipped.groups
        }
      } finally {
        await target.close()
      }
    }
  })
}
