import type { Db } from '../db/open-database'
import { CompositionsRepo } from './compositions-repo'
import { EvalReportsRepo } from './eval-reports-repo'
import { EventsRepo } from './events-repo'
import { ImagesRepo } from './images-repo'
import { JudgementsRepo } from './judgements-repo'
import { LabelsRepo } from './labels-repo'
import { PairChanges } from './pair-changes'
import { PairFacets } from './pair-facets'
import { PairQuery } from './pair-query'
import { PairsRepo } from './pairs-repo'
import { PromptTemplatesRepo } from './prompt-templates-repo'
import { RankingsRepo } from './rankings-repo'
import { ResponsesRepo } from './responses-repo'
import { RunsRepo } from './runs-repo'
import { SamplesRepo } from './samples-repo'

/** Every repository of one project database, sharing its connection and prepared statements. */
export type Store = {
  readonly db: Db
  readonly images: ImagesRepo
  readonly samples: SamplesRepo
  readonly runs: RunsRepo
  readonly responses: ResponsesRepo
  readonly pairs: PairsRepo
  readonly query: PairQuery
  readonly facets: PairFacets
  readonly changes: PairChanges
  readonly events: EventsRepo
  readonly judgements: JudgementsRepo
  readonly rankings: RankingsRepo
  readonly evalReports: EvalReportsRepo
  readonly promptTemplates: PromptTemplatesRepo
  readonly labels: LabelsRepo
  readonly compositions: CompositionsRepo
}

const stores = new WeakMap<Db, Store>()

/** The store of a migrated database; one instance per connection. */
export function storeFor(db: Db): Store {
  let store = stores.get(db)
  if (!store) {
    const images = new ImagesRepo(db)
    const runs = new RunsRepo(db)
    const labels = new LabelsRepo(db)
    const compositions = new CompositionsRepo(db, images, labels)
    const pairs = new PairsRepo(db, images, runs, compositions)
    const events = new EventsRepo(db)
    store = {
      db,
      images,
      samples: new SamplesRepo(db, images),
      runs,
      responses: new ResponsesRepo(db),
      pairs,
      query: new PairQuery(db),
      facets: new PairFacets(db),
      changes: new PairChanges(db, pairs, events),
      events,
      judgements: new JudgementsRepo(db),
      rankings: new RankingsRepo(db),
      evalReports: new EvalReportsRepo(db),
      promptTemplates: new PromptTemplatesRepo(db),
      labels,
      compositions
    }
    stores.set(db, store)
  }
  return store
}
