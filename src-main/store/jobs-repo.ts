import type { JobDto, JobErrorDto, JobStatus } from '../../src-shared/contract/jobs'
import type { Db } from '../db/open-database'

type JobRow = {
  id: string
  kind: string
  params: string
  status: JobStatus
  done: number
  total: number
  message: string | null
  error: string | null
  stats: string | null
  created_at: string
  started_at: string | null
  finished_at: string | null
  error_count: number
  owner_pid: number | null
  owner_host: string | null
  heartbeat_at: string | null
}

/** Who runs a job: a process on a host, and when it last said it was alive. */
export type StoredOwner = {
  readonly pid: number
  readonly host: string
  readonly heartbeatAt: string
}

/** The persisted part of a job; live rates are added by the runner. */
export type StoredJob = Omit<JobDto, 'itemsPerSecond' | 'tokensPerSecond' | 'etaSeconds' | 'unit'>

const SELECT = `SELECT j.*, (SELECT COUNT(*) FROM job_errors e WHERE e.job_id = j.id) AS error_count
  FROM jobs j`

function toStored(row: JobRow): StoredJob {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    params: JSON.parse(row.params) as unknown,
    done: row.done,
    total: row.total,
    message: row.message,
    error: row.error,
    errorCount: row.error_count,
    stats: row.stats ? (JSON.parse(row.stats) as Record<string, unknown>) : null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at
  }
}

/** Rows of the `jobs` and `job_errors` tables (migration 0002). Every write commits at once. */
export class JobsRepo {
  constructor(readonly db: Db) {}

  insert(job: { id: string; kind: string; params: unknown; createdAt: string }): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, params, status, created_at) VALUES (?, ?, ?, 'queued', ?)`
      )
      .run(job.id, job.kind, JSON.stringify(job.params ?? null), job.createdAt)
  }

  get(id: string): StoredJob | null {
    const row = this.db.prepare(`${SELECT} WHERE j.id = ?`).get(id) as JobRow | undefined
    return row ? toStored(row) : null
  }

  list(filter: { status?: readonly JobStatus[]; kind?: string; limit: number }): StoredJob[] {
    const where: string[] = []
    const args: unknown[] = []
    if (filter.status?.length) {
      where.push(`j.status IN (${filter.status.map(() => '?').join(', ')})`)
      args.push(...filter.status)
    }
    if (filter.kind) {
      where.push('j.kind = ?')
      args.push(filter.kind)
    }
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?`
    return (this.db.prepare(sql).all(...args, filter.limit) as JobRow[]).map(toStored)
  }

  setStatus(
    id: string,
    status: JobStatus,
    fields: { error?: string | null; startedAt?: string; finishedAt?: string | null } = {}
  ): void {
    this.db
      .prepare(
        `UPDATE jobs SET status = ?, error = COALESCE(?, error),
           started_at = COALESCE(?, started_at),
           finished_at = CASE WHEN ? THEN ? ELSE finished_at END
         WHERE id = ?`
      )
      .run(
        status,
        fields.error ?? null,
        fields.startedAt ?? null,
        fields.finishedAt !== undefined ? 1 : 0,
        fields.finishedAt ?? null,
        id
      )
  }

  saveProgress(
    id: string,
    p: { done: number; total: number; message: string | null; stats: unknown }
  ): void {
    this.db
      .prepare('UPDATE jobs SET done = ?, total = ?, message = ?, stats = ? WHERE id = ?')
      .run(p.done, p.total, p.message, p.stats == null ? null : JSON.stringify(p.stats), id)
  }

  addError(id: string, item: string, reason: string, at: string): void {
    this.db
      .prepare('INSERT INTO job_errors (job_id, item, reason, at) VALUES (?, ?, ?, ?)')
      .run(id, item, reason, at)
  }

  errors(id: string, offset: number, limit: number): { total: number; items: JobErrorDto[] } {
    const { n } = this.db
      .prepare('SELECT COUNT(*) AS n FROM job_errors WHERE job_id = ?')
      .get(id) as { n: number }
    const items = this.db
      .prepare(
        'SELECT id, item, reason, at FROM job_errors WHERE job_id = ? ORDER BY id LIMIT ? OFFSET ?'
      )
      .all(id, limit, offset) as JobErrorDto[]
    return { total: n, items }
  }

  /** The recorded owner of a job; null when none is recorded (not running, or an older job). */
  owner(id: string): StoredOwner | null {
    const row = this.db
      .prepare('SELECT owner_pid, owner_host, heartbeat_at FROM jobs WHERE id = ?')
      .get(id) as Pick<JobRow, 'owner_pid' | 'owner_host' | 'heartbeat_at'> | undefined
    if (!row || row.owner_pid === null || row.owner_host === null) return null
    return { pid: row.owner_pid, host: row.owner_host, heartbeatAt: row.heartbeat_at ?? '' }
  }

  /** Records `owner` as running the job, with a heartbeat at `at`. */
  setOwner(id: string, owner: { pid: number; host: string }, at: string): void {
    this.db
      .prepare('UPDATE jobs SET owner_pid = ?, owner_host = ?, heartbeat_at = ? WHERE id = ?')
      .run(owner.pid, owner.host, at, id)
  }

  /** Renews the heartbeat of the jobs `owner` runs. */
  heartbeat(ids: readonly string[], owner: { pid: number; host: string }, at: string): void {
    this.db
      .prepare(
        `UPDATE jobs SET heartbeat_at = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND owner_pid = ? AND owner_host = ?`
      )
      .run(at, JSON.stringify(ids), owner.pid, owner.host)
  }

  clearOwner(id: string): void {
    this.db
      .prepare(
        'UPDATE jobs SET owner_pid = NULL, owner_host = NULL, heartbeat_at = NULL WHERE id = ?'
      )
      .run(id)
  }

  /**
   * Marks jobs left `running` by an owner that is gone (`isGone`) as `interrupted` and returns
   * every job that should resume (interrupted or still queued), oldest first. Jobs in
   * `activeIds` belong to this process and are left alone; so are jobs a live process runs.
   */
  claimUnfinished(
    activeIds: readonly string[] = [],
    isGone: (owner: StoredOwner | null) => boolean = () => true
  ): StoredJob[] {
    const running = this.db
      .prepare(
        `SELECT id FROM jobs WHERE status = 'running' AND id NOT IN (SELECT value FROM json_each(?))`
      )
      .pluck()
      .all(JSON.stringify(activeIds)) as string[]
    const orphans = running.filter((id) => isGone(this.owner(id)))
    this.db
      .prepare(
        `UPDATE jobs SET status = 'interrupted' WHERE id IN (SELECT value FROM json_each(?))`
      )
      .run(JSON.stringify(orphans))
    const rows = this.db
      .prepare(
        `${SELECT} WHERE j.status IN ('interrupted', 'queued') ORDER BY j.created_at, j.rowid`
      )
      .all() as JobRow[]
    return rows
      .filter((row) => row.status === 'interrupted' || isGone(this.owner(row.id)))
      .map(toStored)
  }
}
