import { z } from 'zod'

import { ProjectDto } from './project'

/**
 * Topics the core pushes to every subscriber. Names are `domain.pastTense` or `domain.progress`.
 */
export const eventTopics = {
  'project.opened': ProjectDto,
  /** Tables a mutation touched, so clients refresh exactly the queries that read them. */
  'data.changed': z.object({ tables: z.array(z.string()), reason: z.string().optional() })
} as const
