import { RpcError } from '../../../src-shared/rpc/errors'
import type { ProjectSession } from '../project/project-session'
import type { Handlers } from '../../rpc/router'
import { storeFor } from '../../store/store'

type JudgeMethods = 'judge.rankings' | 'judge.ranking' | 'judge.reports' | 'judge.report'

/** Read side of the judge: rankings and evaluation reports of the open project. */
export function judgeHandlers(deps: { session: ProjectSession }): Pick<Handlers, JudgeMethods> {
  const store = () => storeFor(deps.session.require().db)
  return {
    'judge.rankings': ({ limit }) => store().rankings.list(limit),
    'judge.ranking': ({ id }) => {
      const ranking = store().rankings.get(id)
      if (!ranking) throw new RpcError('NOT_FOUND', `Ranking ${id} does not exist`)
      return ranking
    },
    'judge.reports': ({ limit }) => store().evalReports.list(limit),
    'judge.report': ({ id }) => {
      const report = store().evalReports.get(id)
      if (!report) throw new RpcError('NOT_FOUND', `Evaluation report ${id} does not exist`)
      return report
    }
  }
}
