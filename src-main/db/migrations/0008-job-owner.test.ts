import { describe, expect, it } from 'vitest'

import { NOW, dbAt, migrateAll } from './migration-fixtures'

describe('migration 0008 job-owner', () => {
  it('adds an owner (pid, host, heartbeat) to jobs, empty for jobs that existed before', () => {
    const db = dbAt(7)
    db.prepare(
      "INSERT INTO jobs (id, kind, params, status, created_at) VALUES ('old', 'import', '{}', 'running', ?)"
    ).run(NOW)
    migrateAll(db)
    expect(
      db.prepare("SELECT owner_pid, owner_host, heartbeat_at FROM jobs WHERE id = 'old'").get()
    ).toEqual({
      owner_pid: null,
      owner_host: null,
      heartbeat_at: null
    })
    db.prepare(
      "UPDATE jobs SET owner_pid = 42, owner_host = 'h', heartbeat_at = ? WHERE id = 'old'"
    ).run(NOW)
    expect(db.prepare('SELECT owner_pid FROM jobs').pluck().get()).toBe(42)
  })
})
