import { JUDGE_TEMPLATE_NAMES } from '../../../src-shared/contract/judge'
import { RpcError } from '../../../src-shared/rpc/errors'
import type { ProjectSession } from '../project/project-session'
import type { Handlers } from '../../rpc/router'
import { storeFor } from '../../store/store'
import { checkTemplate, loadJudgeTemplate } from './prompt-template'
import type { JudgeTemplateName } from './prompt-template'

type JudgeMethods =
  | 'judge.rankings'
  | 'judge.ranking'
  | 'judge.reports'
  | 'judge.report'
  | 'judge.templates'
  | 'judge.setTemplate'

/** Read side of the judge: rankings and evaluation reports of the open project. */
export function judgeHandlers(deps: { session: ProjectSession }): Pick<Handlers, JudgeMethods> {
  const store = () => storeFor(deps.session.require().db)
  const template = async (name: JudgeTemplateName) => {
    const t = await loadJudgeTemplate(name, store().promptTemplates)
    return { name, body: t.body, source: t.source }
  }
  return {
    'judge.templates': () => Promise.all(JUDGE_TEMPLATE_NAMES.map(template)),
    'judge.setTemplate': ({ name, body }) => {
      const repo = store().promptTemplates
      if (body === null) repo.clear(name)
      else {
        try {
          checkTemplate({ name, body })
        } catch (error) {
          throw new RpcError('BAD_INPUT', (error as Error).message)
        }
        repo.set(name, body)
      }
      return template(name)
    },
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
