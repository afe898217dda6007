import { z } from 'zod'

import { JobDto } from './jobs'
import { SidecarStatusDto } from './inference'
import { ProjectDto } from './project'

/**
 * Topics the core pushes to every subscriber. Names are `domain.pastTense` or `domain.progress`.
 */
export const eventTopics = {
  'project.opened': ProjectDto,
  /** The local llama-server sidecar changed state (starting, loading, ready, crashed, stopped). */
  'sidecar.status': SidecarStatusDto,
  /** A job's state, throttled to about 10 per second per job, plus every status change. */
  'job.progress': JobDto,
  /** A job reached completed, failed, cancelled or interrupted; its final state is committed. */
  'job.finished': JobDto,
  /** Tables a mutation touched, so clients refresh exactly the queries that read them. */
  'data.changed': z.object({ tables: z.array(z.string()), reason: z.string().optional() }),
  /**
   * Pairs changed (a person's update, a bulk op, undo/redo, or a job writing pairs). `ids` is
   * absent when too many changed to list (over 1,000): refetch every pair query then.
   */
  'pairs.changed': z.object({
    ids: z.array(z.number().int()).optional(),
    /** The pairs' versions after the change, in the order of `ids` (single updates), so a client
     * that already holds that version (the writer got it in its response) need not re-read it. */
    versions: z.array(z.number().int()).optional(),
    batchId: z.string().optional(),
    reason: z.enum(['update', 'bulk', 'undo', 'redo', 'job', 'import'])
  })
} as const
